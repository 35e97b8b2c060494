package vn.danvan.kit.web;

/**
 * 401 {@code urn:danvan:problem:unauthenticated}: no credentials, or none the service accepts. The answer carries a
 * {@code WWW-Authenticate} challenge (RFC 6750).
 */
public class UnauthenticatedException extends RuntimeException {

    private final String challenge;

    public UnauthenticatedException() {
        this("UnauthenticatedException");
    }

    /** @param logMessage for the service's log only; never sent to the client */
    public UnauthenticatedException(String logMessage) {
        this(logMessage, "Bearer");
    }

    /**
     * @param logMessage for the service's log only; never sent to the client
     * @param challenge the {@code WWW-Authenticate} value, e.g. {@code Bearer error="invalid_token"}
     */
    public UnauthenticatedException(String logMessage, String challenge) {
        super(logMessage);
        this.challenge = challenge;
    }

    public String challenge() {
        return challenge;
    }
}
