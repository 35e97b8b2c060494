package vn.danvan.statistics.stream;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * This instance has as many streams open as it allows: the kit's 503 service-unavailable problem with {@code
 * Retry-After}, whose detail {@link StreamsFullProblems} words for the stream. Expected under load, not a fault: no
 * stack trace is kept.
 */
final class StreamsFullException extends ErrorResponseException {

    /** Streams end at their time limit or when their clients leave; a dashboard retries with its own back-off. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final int max;

    StreamsFullException(int max) {
        super(HttpStatus.SERVICE_UNAVAILABLE, null, null, null, null);
        this.max = max;
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
    }

    int max() {
        return max;
    }

    /** For the kit's log line: what was refused, without the generic status text. */
    @Override
    public String getMessage() {
        return "all " + max + " stream slots of this instance are taken";
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
