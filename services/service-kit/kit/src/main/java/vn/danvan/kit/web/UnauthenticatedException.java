package vn.danvan.kit.web;

/** 401 {@code urn:danvan:problem:unauthenticated}: no credentials, or none the service accepts. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException() {
        super("UnauthenticatedException");
    }

    /** @param logMessage for the service's log only; never sent to the client */
    public UnauthenticatedException(String logMessage) {
        super(logMessage);
    }
}
