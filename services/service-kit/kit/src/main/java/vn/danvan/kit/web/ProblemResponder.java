package vn.danvan.kit.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.observability.CurrentTrace;

/**
 * Writes problems as {@code application/problem+json} with the request path as {@code instance} and the
 * trace id, and logs one line per problem carrying the same trace id, so support can go from what a user
 * saw to the log. Client errors are logged at INFO without exception messages (they may quote personal
 * data); server errors at ERROR with the stack trace, which never leaves the service.
 */
final class ProblemResponder {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

    private final ProblemMapper mapper;
    private final ProblemTexts texts;
    private final CurrentTrace trace;
    private final JsonMapper json = JsonMapper.shared();

    ProblemResponder(ProblemMapper mapper, ProblemTexts texts, CurrentTrace trace) {
        this.mapper = mapper;
        this.texts = texts;
        this.trace = trace;
    }

    ResponseEntity<Map<String, Object>> respond(Throwable ex, HttpServletRequest request) {
        Locale locale = ProblemTexts.localeFor(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        return respond(mapper.map(ex, locale, originalPath(request)), ex, request, locale);
    }

    ResponseEntity<Map<String, Object>> respond(Problem problem, Throwable ex, HttpServletRequest request) {
        Locale locale = ProblemTexts.localeFor(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        return respond(problem, ex, request, locale);
    }

    /** For a status the servlet container reports without an exception the kit has seen. */
    ResponseEntity<Map<String, Object>> respondToStatus(int status, HttpServletRequest request) {
        Locale locale = ProblemTexts.localeFor(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        return respond(
                mapper.forStatus(status, locale, originalPath(request), originalMethod(request)),
                null,
                request,
                locale);
    }

    /** The problem of an exception, straight onto the servlet response. */
    void write(Throwable ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(respond(ex, request), response);
    }

    /** Straight onto the servlet response, for filters that answer before Spring MVC runs. */
    void write(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(respond(problem, null, request), response);
    }

    private void write(ResponseEntity<Map<String, Object>> entity, HttpServletResponse response) throws IOException {
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), entity.getBody());
    }

    Problem payloadTooLarge(HttpServletRequest request, long maxBytes) {
        return mapper.payloadTooLarge(ProblemTexts.localeFor(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), maxBytes);
    }

    private ResponseEntity<Map<String, Object>> respond(
            Problem problem, Throwable ex, HttpServletRequest request, Locale locale) {
        String path = originalPath(request);
        String traceId = trace.traceId(ServerHttpObservationFilter.findObservationContext(request)
                        .orElse(null))
                .orElse(null);
        log(problem, ex, request.getMethod(), path, traceId);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().uri().toString());
        body.put("title", texts.get(problem.type().titleKey(), locale));
        body.put("status", problem.status());
        if (problem.detail() != null) {
            body.put("detail", problem.detail());
        }
        if (!path.isEmpty()) {
            body.put("instance", path);
        }
        body.putAll(problem.extensions());
        if (traceId != null) {
            body.put("traceId", traceId);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.headers());
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.set(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
        return ResponseEntity.status(problem.status()).headers(headers).body(body);
    }

    private static void log(Problem problem, Throwable ex, String method, String path, String traceId) {
        if (ex instanceof ServiceUnavailableException refusal) {
            // a limit the service keeps (every slot taken): a flood of them is no fault to page anyone about
            log.warn(
                    "{} {} refused: {} {} ({}) (traceId={})",
                    method,
                    path,
                    problem.status(),
                    problem.type().slug(),
                    refusal.getMessage(),
                    traceId);
        } else if (problem.status() >= 500) {
            log.error(
                    "{} {} failed: {} {} (traceId={})",
                    method,
                    path,
                    problem.status(),
                    problem.type().slug(),
                    traceId,
                    ex);
        } else if (log.isInfoEnabled()) {
            log.info(
                    "{} {} rejected: {} {}{} (traceId={})",
                    method,
                    path,
                    problem.status(),
                    problem.type().slug(),
                    ex != null ? " [" + ex.getClass().getSimpleName() + "]" : "",
                    traceId);
        }
    }

    /** On the container's error dispatch the request URI is the error page; report the original one. */
    private static String originalPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (original instanceof String uri) {
            return uri;
        }
        // a request line Tomcat refused may have no URI at all
        String uri = request.getRequestURI();
        return uri != null ? uri : "";
    }

    /** The client's method: an error dispatch is a GET since Servlet 6.1, the original kept in an attribute. */
    private static String originalMethod(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_METHOD);
        return original instanceof String method ? method : request.getMethod();
    }
}
