package vn.danvan.kit.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Every exception that leaves a controller becomes a problem response. Ordered last, so a service's own
 * {@code @ExceptionHandler} for a specific exception still wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponder responder;

    ProblemExceptionHandler(ProblemResponder responder) {
        this.responder = responder;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> handle(Exception ex, HttpServletRequest request) {
        if (clientWentAway(ex)) {
            // a dashboard closed its event stream, a download was cancelled: nothing failed here and nobody is left
            // to answer, so no 500 and no error in the log (an alert for every closed browser tab helps no one)
            log.debug("{} {}: the client went away ({})", request.getMethod(), request.getRequestURI(), ex.toString());
            return null;
        }
        return responder.respond(ex, request);
    }

    /**
     * Only failures to write this request's response: Spring's broader {@code DisconnectedClientHelper} also takes an
     * {@code EOFException} or a "connection reset" anywhere in the cause chain for a gone client, which a failed call
     * to the store or another service can carry too, and that must stay a 500.
     */
    static boolean clientWentAway(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AsyncRequestNotUsableException
                    || cause.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")) {
                return true;
            }
        }
        return false;
    }
}
