package vn.danvan.kit.testapp;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Stands in for a repository and an outbox: counts what the test controller stored. */
@Component
public class TestStore {

    private final AtomicInteger stored = new AtomicInteger();

    void store(Object anything) {
        stored.incrementAndGet();
    }

    public int stored() {
        return stored.get();
    }

    public void clear() {
        stored.set(0);
    }
}
