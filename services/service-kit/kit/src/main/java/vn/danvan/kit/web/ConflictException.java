package vn.danvan.kit.web;

import java.util.List;

/**
 * The request conflicts with the current state of the resource (409 {@code
 * urn:danvan:problem:conflict}). For a lifecycle step that the current state does not allow, prefer
 * {@link IllegalTransitionException}, which tells the client what it may do instead.
 */
public class ConflictException extends RuntimeException {

    private final String code;
    private final transient List<Object> arguments;

    /**
     * @param code stable reason code, sent as the {@code code} member; also the message key of the
     *     detail text, looked up in the service's own messages (Vietnamese, {@code _en} for English)
     *     and falling back to a generic detail
     * @param arguments arguments of that message; they reach the client, never the log
     */
    public ConflictException(String code, Object... arguments) {
        super(code);
        this.code = code;
        this.arguments = List.of(arguments);
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
