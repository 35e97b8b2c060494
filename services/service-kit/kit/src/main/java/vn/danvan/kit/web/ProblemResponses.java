package vn.danvan.kit.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The problem answers of every operation in a service's OpenAPI document, as {@code application/problem+json} with
 * one {@code Problem} schema (docs/errors.md). Which statuses an operation can give follows from what it is: a 400
 * when it takes parameters or a body, 401 and 403 unless it is one of the service's public endpoints, a 404 under a
 * path variable, a 409 for a write to an existing resource or a create with an Idempotency-Key, 413/415/422 with a
 * body, 429 and 503 for all. A response the operation documents itself keeps its description and headers, and a
 * problem body of its own if it gives one. The codes a service chose ({@code code}) are the service's to document.
 */
final class ProblemResponses implements OpenApiCustomizer {

    static final String SCHEMA = "Problem";

    static final String ERROR_SCHEMA = "ProblemError";

    private static final String REF = "#/components/schemas/";

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final List<PublicEndpoint> publicEndpoints;

    /** @param publicEndpoints {@code danvan.security.public-endpoints}: "METHOD /pattern" or "/pattern" */
    ProblemResponses(List<String> publicEndpoints) {
        this.publicEndpoints =
                publicEndpoints.stream().map(PublicEndpoint::parse).toList();
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().isEmpty()) {
            return;
        }
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, problemSchema());
        openApi.getComponents().addSchemas(ERROR_SCHEMA, errorSchema());
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> document(path, method, item, operation)));
    }

    private void document(String path, PathItem.HttpMethod method, PathItem item, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        boolean body = operation.getRequestBody() != null;
        boolean pathVariable = path.contains("{");
        boolean write = method != PathItem.HttpMethod.GET
                && method != PathItem.HttpMethod.HEAD
                && method != PathItem.HttpMethod.OPTIONS;
        boolean idempotent = parameters.stream()
                .anyMatch(p -> "header".equals(p.getIn()) && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName()));
        boolean open = isPublic(method.name(), path);

        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        if (!parameters.isEmpty() || body) {
            add(
                    responses,
                    400,
                    "Bad request: `validation-failed` (`errors`), `invalid-value` (`field`, `allowed` or `format`), "
                            + "`missing-parameter` (`field`, `in`)"
                            + (body ? ", `malformed-body`" : "")
                            + " or `bad-request`");
        }
        if (!open) {
            header(
                    add(responses, 401, "`unauthenticated`: no valid bearer token"),
                    "WWW-Authenticate",
                    new Header().description("`Bearer`").schema(new StringSchema()));
            add(responses, 403, "`forbidden`: the caller's roles do not allow this operation");
        }
        if (pathVariable) {
            add(responses, 404, "`not-found`: no such resource, or one outside the caller's scope (the same answer)");
        }
        if (write && pathVariable) {
            add(
                    responses,
                    409,
                    "Conflict with the resource's current state: `illegal-transition` (`currentState`, `action`, "
                            + "`allowed`), `conflict` (`code`), `concurrent-modification` (reload and retry) or "
                            + "`duplicate`");
        } else if (write && idempotent) {
            add(
                    responses,
                    409,
                    "`conflict` (`code`): the Idempotency-Key was used before for another request; or `duplicate`");
        }
        if (body) {
            add(responses, 413, "`payload-too-large`: the body is over the limit (`maxBytes`)");
            add(responses, 415, "`unsupported-media-type`: a Content-Type the operation does not take (`allowed`)");
            add(
                    responses,
                    422,
                    "`rule-violation`: a domain rule refuses the input (`code`; `field` when it refuses one field)");
        }
        header(
                add(responses, 429, "`too-many-requests`: try again after `Retry-After` seconds"),
                "Retry-After",
                retryAfter());
        header(
                add(responses, 503, "`service-unavailable`: try again later, after `Retry-After` seconds when given"),
                "Retry-After",
                retryAfter());
        // every error is a problem (docs/errors.md), also one the operation documents itself (a 409 naming its codes):
        // its body is the problem. Springdoc copies the return type into each response of an operation once one of
        // them asks for it (useReturnTypeSchema), so a 409 would read as the resource: that copy goes.
        responses.forEach((code, response) -> {
            if (isProblemStatus(code) && response.get$ref() == null) {
                Content content = response.getContent();
                if (content == null || !content.containsKey(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                    response.setContent(problemContent());
                } else {
                    content.keySet().removeIf(type -> !type.equals(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
                }
            }
        });
        operation.setResponses(sorted(responses));
    }

    /** The response for the status: the operation's own if it documents one, else one with the description. */
    private static ApiResponse add(ApiResponses responses, int status, String description) {
        return responses.computeIfAbsent(Integer.toString(status), code -> new ApiResponse().description(description));
    }

    /** A header of the answer, unless the operation documents it itself. */
    private static void header(ApiResponse response, String name, Header header) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeaderObject(name, header);
        }
    }

    private static boolean isProblemStatus(String code) {
        return code.length() == 3 && (code.startsWith("4") || code.startsWith("5"));
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref(REF + SCHEMA)));
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before retrying").schema(new IntegerSchema());
    }

    /** Success first, then the problems, each in status order: as a reader looks for them. */
    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> sorted.addApiResponse(e.getKey(), e.getValue()));
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }

    private boolean isPublic(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return publicEndpoints.stream().anyMatch(endpoint -> endpoint.matches(method, container));
    }

    /** One entry of {@code danvan.security.public-endpoints}, matched as the security filter chain matches it. */
    private record PublicEndpoint(HttpMethod method, PathPattern pattern) {

        static PublicEndpoint parse(String endpoint) {
            String[] parts = endpoint.trim().split("\\s+", 2);
            return parts.length == 2
                    ? new PublicEndpoint(
                            HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)),
                            PathPatternParser.defaultInstance.parse(parts[1]))
                    : new PublicEndpoint(null, PathPatternParser.defaultInstance.parse(parts[0]));
        }

        /** @param path the document's path: a {@code {variable}} is one segment, as a request's value would be */
        boolean matches(String method, PathContainer path) {
            return (this.method == null || this.method.name().equals(method)) && pattern.matches(path);
        }
    }

    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                new StringSchema()
                        .format("uri")
                        .description("`urn:danvan:problem:<slug>` (docs/errors.md); clients switch on it and `status`")
                        .example("urn:danvan:problem:validation-failed"));
        properties.put(
                "title",
                new StringSchema()
                        .description("Short summary of the type, in Vietnamese, or English when the client prefers"));
        properties.put("status", new IntegerSchema().description("The HTTP status, repeated"));
        properties.put(
                "detail",
                new StringSchema().description("What went wrong with this request, localised; absent for a 500"));
        properties.put("instance", new StringSchema().description("The request path"));
        properties.put("traceId", new StringSchema().description("The request's trace id: quote it to support"));
        properties.put(
                "errors",
                new ArraySchema()
                        .items(new Schema<>().$ref(REF + ERROR_SCHEMA))
                        .description("`validation-failed`: one entry per violated constraint"));
        properties.put(
                "field",
                new StringSchema()
                        .description("`invalid-value`, `missing-parameter`, `rule-violation`: the one offending field"
                                + " (a JSON path) or parameter, as the client wrote it; `not-found`: the parameter"
                                + " that named nothing, when the service says"));
        properties.put(
                "in",
                new StringSchema()
                        ._enum(List.of("query", "header", "part", "cookie"))
                        .description("`missing-parameter`: where the parameter was expected"));
        properties.put(
                "allowed",
                new ArraySchema()
                        .items(new StringSchema())
                        .description("What would have been accepted: enum constants, known properties, methods, media"
                                + " types, or the lifecycle actions the resource allows now"));
        properties.put(
                "format",
                new StringSchema()
                        .description("`invalid-value` of a typed value (a time, a date, a number): what it should look"
                                + " like, localised")
                        .example("số nguyên, ví dụ 20"));
        properties.put(
                "code",
                new StringSchema()
                        .description("`conflict`, `rule-violation`, and `forbidden`, `not-found` or"
                                + " `service-unavailable` when the service says why: the stable code the service chose;"
                                + " the operation's responses list them")
                        .example("consultation.closed"));
        properties.put(
                "currentState", new StringSchema().description("`illegal-transition`: the state the resource is in"));
        properties.put("action", new StringSchema().description("`illegal-transition`: the action refused"));
        properties.put(
                "maxBytes",
                new IntegerSchema().format("int64").description("`payload-too-large`: the body limit in bytes"));
        Schema<?> problem = new ObjectSchema()
                .description("A problem (RFC 9457) with the platform's extension members, docs/errors.md."
                        + " `title`, `detail` and messages are localised (Content-Language)");
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }

    private static Schema<?> errorSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "field",
                new StringSchema()
                        .description("The field as the client wrote it: a JSON path in the body"
                                + " (`location.communeCode`, `participants[2].name`) or a parameter's name"
                                + " (`Idempotency-Key`); absent for an object-level constraint"));
        properties.put(
                "in",
                new StringSchema()
                        ._enum(List.of("query", "path", "header", "part", "cookie"))
                        .description("Where a request parameter was; absent for the body"));
        properties.put("message", new StringSchema().description("What is wrong with it, localised"));
        Schema<?> error = new ObjectSchema().description("One violated constraint; the rejected value is never echoed");
        error.setProperties(properties);
        error.setRequired(List.of("message"));
        return error;
    }
}
