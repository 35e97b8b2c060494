package vn.danvan.kit.web;

import java.util.List;

/**
 * Well-formed input that a domain rule refuses, e.g. a dialogue dated before its unit existed (422
 * {@code urn:danvan:problem:rule-violation}).
 */
public class RuleViolationException extends RuntimeException {

    private final String code;
    private final transient List<Object> arguments;
    private String field;

    /**
     * @param code stable rule code, sent as the {@code code} member so clients can react to it; also the
     *     message key of the detail text, looked up in the service's own messages and falling back to a
     *     generic detail
     * @param arguments arguments of that message; they reach the client, never the log
     */
    public RuleViolationException(String code, Object... arguments) {
        super(code);
        this.code = code;
        this.arguments = List.of(arguments);
    }

    /**
     * The one input field the rule refused (a JSON path, or a query parameter's name), sent as the {@code field}
     * member as for an invalid value.
     */
    public RuleViolationException onField(String field) {
        this.field = field;
        return this;
    }

    public String code() {
        return code;
    }

    /** The field the rule refused, or null when the rule is about the request as a whole. */
    public String field() {
        return field;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
