package vn.danvan.kit.web;

import java.util.List;

/**
 * The requested resource does not exist, or exists outside the caller's scope: both answer the same
 * 404 {@code urn:danvan:problem:not-found} with a generic detail, so a response never reveals whether
 * something the caller may not see exists. Only for public reference data (a unit code) may {@link #because} and
 * {@link #onField} say which parameter named nothing.
 */
public class NotFoundException extends RuntimeException {

    private String code;
    private transient List<Object> arguments = List.of();
    private String field;

    public NotFoundException() {
        super("not found");
    }

    /**
     * @param logMessage what was looked up, for the service's log only; it is never sent to the client
     */
    public NotFoundException(String logMessage) {
        super(logMessage);
    }

    /**
     * @param code stable code, sent as the {@code code} member; also the message key of the detail text, looked up in
     *     the service's own messages and falling back to the generic detail
     * @param arguments arguments of that message; they reach the client, never the log
     */
    public NotFoundException because(String code, Object... arguments) {
        this.code = code;
        this.arguments = List.of(arguments);
        return this;
    }

    /** The parameter that named nothing, sent as the {@code field} member as for an invalid value. */
    public NotFoundException onField(String field) {
        this.field = field;
        return this;
    }

    /** The code, or null for the generic answer. */
    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }

    /** The parameter that named nothing, or null. */
    public String field() {
        return field;
    }
}
