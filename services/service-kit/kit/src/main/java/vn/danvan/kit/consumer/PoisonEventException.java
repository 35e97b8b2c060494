package vn.danvan.kit.consumer;

/**
 * An event that no retry can make readable: it goes to the dead-letter topic after the binding's attempts and the
 * consumer carries on with the next one.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
