package vn.danvan.gateway.problem;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself ends a request with becomes a problem; replaces Boot's JSON error map
 * (ordered before it), so no exception name, message or stack trace reaches a client.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final ProblemWriter writer;

    ProblemErrorHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        return writer.write(exchange, problemFor(ex, exchange));
    }

    private static Problem problemFor(Throwable ex, ServerWebExchange exchange) {
        PayloadTooLargeException tooLarge = causedBy(ex, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return PayloadTooLargeException.problem(tooLarge.maxBytes());
        }
        if (ex instanceof MethodNotAllowedException notAllowed) {
            return Problem.of(ProblemType.METHOD_NOT_ALLOWED)
                    .detailArguments(exchange.getRequest().getMethod().name())
                    .with("allowed", notAllowed.getSupportedMethods());
        }
        if (ex instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            if (code >= 500 && code != 502 && code != 503 && code != 504) {
                log.error("Request {} failed", exchange.getRequest().getPath(), ex);
            }
            return Problem.of(ProblemType.forStatus(code)).status(code);
        }
        if (causedBy(ex, TimeoutException.class) != null) {
            return Problem.of(ProblemType.GATEWAY_TIMEOUT);
        }
        if (causedBy(ex, ConnectException.class) != null) {
            return Problem.of(ProblemType.BAD_GATEWAY);
        }
        log.error("Request {} failed", exchange.getRequest().getPath(), ex);
        return Problem.of(ProblemType.INTERNAL_ERROR);
    }

    static <T extends Throwable> T causedBy(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
