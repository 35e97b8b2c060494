package vn.danvan.kit.consumer;

/** Applies one event to a consuming service's state. Throwing makes the binding retry, then dead-letter it. */
@FunctionalInterface
public interface EventHandler {

    void handle(ReceivedEvent event);
}
