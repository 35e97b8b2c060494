package vn.danvan.kit.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable problem types of the platform. The URIs are part of the API contract (listed in
 * docs/errors.md): clients switch on {@code type}, never on titles or details.
 */
enum ProblemType {
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST),
    MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST),
    INVALID_VALUE("invalid-value", HttpStatus.BAD_REQUEST),
    MISSING_PARAMETER("missing-parameter", HttpStatus.BAD_REQUEST),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    CONCURRENT_MODIFICATION("concurrent-modification", HttpStatus.CONFLICT),
    DUPLICATE("duplicate", HttpStatus.CONFLICT),
    ILLEGAL_TRANSITION("illegal-transition", HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    RULE_VIOLATION("rule-violation", HttpStatus.UNPROCESSABLE_CONTENT),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS),
    /** Any other client error a framework reports; keeps the status it was given. */
    REQUEST_REJECTED("request-rejected", HttpStatus.BAD_REQUEST),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR);

    static final String URN_PREFIX = "urn:danvan:problem:";

    private final String slug;
    private final HttpStatus status;
    private final URI uri;

    ProblemType(String slug, HttpStatus status) {
        this.slug = slug;
        this.status = status;
        this.uri = URI.create(URN_PREFIX + slug);
    }

    String slug() {
        return slug;
    }

    HttpStatus status() {
        return status;
    }

    URI uri() {
        return uri;
    }

    String titleKey() {
        return "problem." + slug + ".title";
    }

    String detailKey() {
        return "problem." + slug + ".detail";
    }

    /** The type for a status a framework exception carries, when nothing more specific is known. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> RULE_VIOLATION;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? REQUEST_REJECTED : INTERNAL_ERROR;
        };
    }
}
