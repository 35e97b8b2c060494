package vn.danvan.kit.web;

/**
 * The requested resource does not exist, or exists outside the caller's scope: both answer the same
 * 404 {@code urn:danvan:problem:not-found} with a generic detail, so a response never reveals whether
 * something the caller may not see exists.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super("not found");
    }

    /**
     * @param logMessage what was looked up, for the service's log only; it is never sent to the client
     */
    public NotFoundException(String logMessage) {
        super(logMessage);
    }
}
