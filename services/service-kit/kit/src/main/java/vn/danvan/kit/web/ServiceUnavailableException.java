package vn.danvan.kit.web;

import java.time.Duration;
import java.util.List;

/**
 * The service refuses for now what it will take later, e.g. every slot of a bounded resource is taken (503 {@code
 * urn:danvan:problem:service-unavailable}); the response carries a {@code Retry-After} header in whole seconds. Logged
 * at WARN in one line with its log message, not at ERROR as other 503s: it is a refusal the service chose, not a
 * fault to trace or page anyone about.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;
    private String code;
    private transient List<Object> arguments = List.of();

    /** @param logMessage for the service's log only; never sent to the client */
    public ServiceUnavailableException(String logMessage, Duration retryAfter) {
        super(logMessage, null, false, false);
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        this.retryAfter = retryAfter;
    }

    /**
     * Why, in the service's own words.
     *
     * @param code stable code, sent as the {@code code} member; also the message key of the detail text, looked up in
     *     the service's own messages and falling back to the generic detail
     * @param arguments arguments of that message; they reach the client, never the log
     */
    public ServiceUnavailableException because(String code, Object... arguments) {
        this.code = code;
        this.arguments = List.of(arguments);
        return this;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The code, or null for the generic answer. */
    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }

    /** Seconds for the Retry-After header, rounded up so a client never retries too early. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds();
        return retryAfter.toNanosPart() > 0 ? seconds + 1 : seconds;
    }
}
