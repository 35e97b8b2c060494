package vn.danvan.feedback.feedback;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.ServerHttpObservationFilter;
import vn.danvan.kit.observability.CurrentTrace;
import vn.danvan.kit.web.ViolationTexts;

/**
 * The 403 of a citizen's step tried by staff, as the kit writes a {@code forbidden} problem (docs/errors.md: type,
 * title, status, detail, instance, traceId, and one log line) with a {@code code} saying why: the kit's forbidden
 * carries none, and "you lack the role" would tell an officer nothing they could act on. Ordered before the kit's
 * handler, which takes every other exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CitizensOwnStepProblem {

    private static final Logger log = LoggerFactory.getLogger(CitizensOwnStepProblem.class);

    private static final String FORBIDDEN = "urn:danvan:problem:forbidden";

    private final ViolationTexts texts;
    private final CurrentTrace trace;

    CitizensOwnStepProblem(ViolationTexts texts, CurrentTrace trace) {
        this.texts = texts;
        this.trace = trace;
    }

    @ExceptionHandler(CitizensOwnStepException.class)
    ResponseEntity<Map<String, Object>> forbidden(CitizensOwnStepException refused, HttpServletRequest request) {
        Locale locale = ViolationTexts.localeFor(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        String traceId = trace.traceId(ServerHttpObservationFilter.findObservationContext(request)
                        .orElse(null))
                .orElse(null);
        log.info(
                "{} {} rejected: 403 forbidden [{}] (traceId={})",
                request.getMethod(),
                request.getRequestURI(),
                refused.getClass().getSimpleName(),
                traceId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", FORBIDDEN);
        body.put("title", texts.text("problem.forbidden.title", locale));
        body.put("status", HttpStatus.FORBIDDEN.value());
        body.put("detail", texts.text(CitizensOwnStepException.CODE, locale));
        body.put("instance", request.getRequestURI());
        body.put("code", CitizensOwnStepException.CODE);
        if (traceId != null) {
            body.put("traceId", traceId);
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .body(body);
    }
}
