package vn.danvan.kit.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every exception that leaves a controller becomes a problem response. Ordered last, so a service's own
 * {@code @ExceptionHandler} for a specific exception still wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemExceptionHandler {

    private final ProblemResponder responder;

    ProblemExceptionHandler(ProblemResponder responder) {
        this.responder = responder;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> handle(Exception ex, HttpServletRequest request) {
        return responder.respond(ex, request);
    }
}
