package vn.danvan.gateway.problem;

/**
 * The problem types the gateway answers with: the platform's URIs (docs/errors.md), plus the two only a
 * gateway meets ({@code bad-gateway}, {@code gateway-timeout}).
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", 400),
    UNAUTHENTICATED("unauthenticated", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not-found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    PAYLOAD_TOO_LARGE("payload-too-large", 413),
    URI_TOO_LONG("uri-too-long", 414),
    TOO_MANY_REQUESTS("too-many-requests", 429),
    HEADER_FIELDS_TOO_LARGE("header-fields-too-large", 431),
    REQUEST_REJECTED("request-rejected", 400),
    INTERNAL_ERROR("internal-error", 500),
    BAD_GATEWAY("bad-gateway", 502),
    SERVICE_UNAVAILABLE("service-unavailable", 503),
    GATEWAY_TIMEOUT("gateway-timeout", 504);

    private final String slug;
    private final int status;

    ProblemType(String slug, int status) {
        this.slug = slug;
        this.status = status;
    }

    public int status() {
        return status;
    }

    String uri() {
        return "urn:danvan:problem:" + slug;
    }

    String titleKey() {
        return "problem." + slug + ".title";
    }

    String detailKey() {
        return "problem." + slug + ".detail";
    }

    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != REQUEST_REJECTED) {
                return type;
            }
        }
        return status < 500 ? REQUEST_REJECTED : INTERNAL_ERROR;
    }
}
