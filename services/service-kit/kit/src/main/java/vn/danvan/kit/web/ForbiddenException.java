package vn.danvan.kit.web;

/** 403 {@code urn:danvan:problem:forbidden}: the caller is known but lacks the role. (Outside the caller's unit scope, answer NotFoundException instead, so existence does not leak.) */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException() {
        super("ForbiddenException");
    }

    /** @param logMessage for the service's log only; never sent to the client */
    public ForbiddenException(String logMessage) {
        super(logMessage);
    }
}
