package vn.danvan.gateway.problem;

/** A request body above the gateway's limit for its path; answered as a 413 problem. */
public class PayloadTooLargeException extends RuntimeException {

    private final long maxBytes;

    public PayloadTooLargeException(long maxBytes) {
        super("request body above " + maxBytes + " bytes", null, false, false);
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public static Problem problem(long maxBytes) {
        return Problem.of(ProblemType.PAYLOAD_TOO_LARGE)
                .detailArguments(maxBytes)
                .with("maxBytes", maxBytes);
    }

    /** The exception itself or one of its causes, if any is a {@code PayloadTooLargeException}. */
    public static PayloadTooLargeException in(Throwable ex) {
        return ProblemErrorHandler.causedBy(ex, PayloadTooLargeException.class);
    }
}
