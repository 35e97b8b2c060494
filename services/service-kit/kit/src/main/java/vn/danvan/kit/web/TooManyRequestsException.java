package vn.danvan.kit.web;

import java.time.Duration;

/**
 * The caller exceeded a rate or quota (429 {@code urn:danvan:problem:too-many-requests}); the response
 * carries a {@code Retry-After} header in whole seconds.
 */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter) {
        super("too many requests, retry after " + retryAfter);
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Seconds for the Retry-After header, rounded up so a client never retries too early. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds();
        return retryAfter.toNanosPart() > 0 ? seconds + 1 : seconds;
    }
}
