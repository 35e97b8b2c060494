package vn.danvan.kit.web;

import java.util.List;

/**
 * 403 {@code urn:danvan:problem:forbidden}: the caller is known but lacks the role. (Outside the caller's unit scope,
 * answer NotFoundException instead, so existence does not leak.) With {@link #because} it says why in the service's
 * own words and carries a {@code code}.
 */
public class ForbiddenException extends RuntimeException {

    private String code;
    private transient List<Object> arguments = List.of();

    public ForbiddenException() {
        super("ForbiddenException");
    }

    /** @param logMessage for the service's log only; never sent to the client */
    public ForbiddenException(String logMessage) {
        super(logMessage);
    }

    /**
     * Why the caller may not, for a refusal "you lack the role" would not explain.
     *
     * @param code stable code, sent as the {@code code} member; also the message key of the detail text, looked up in
     *     the service's own messages and falling back to the generic detail
     * @param arguments arguments of that message; they reach the client, never the log
     */
    public ForbiddenException because(String code, Object... arguments) {
        this.code = code;
        this.arguments = List.of(arguments);
        return this;
    }

    /** The code, or null for the generic answer. */
    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
