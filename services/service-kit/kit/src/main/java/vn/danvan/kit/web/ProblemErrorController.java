package vn.danvan.kit.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's error page: errors that happen outside Spring MVC (in a filter, or rejected by Tomcat
 * itself) reach the client as problems too, never as Boot's JSON error map or a whitelabel page.
 */
@RestController
@RequestMapping("${spring.web.error.path:/error}")
class ProblemErrorController implements ErrorController {

    private final ProblemResponder responder;

    ProblemErrorController(ProblemResponder responder) {
        this.responder = responder;
    }

    @RequestMapping
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable ex) {
            return responder.respond(unwrap(ex), request);
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return responder.respondToStatus(status instanceof Integer code ? code : 500, request);
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while (t instanceof jakarta.servlet.ServletException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
