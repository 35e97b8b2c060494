package vn.danvan.kit.batchapp;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Stands in for a store that fails the next writes, with the exception the test chooses. */
public class StoreGate {

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Supplier<RuntimeException> failure = () -> new IllegalStateException("no failure set");

    /** The next {@code writes} writes fail with what {@code failure} gives. */
    public void failNext(int writes, Supplier<RuntimeException> failure) {
        this.failure = failure;
        failuresLeft.set(writes);
    }

    public int failuresLeft() {
        return failuresLeft.get();
    }

    void write() {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw failure.get();
        }
    }
}
