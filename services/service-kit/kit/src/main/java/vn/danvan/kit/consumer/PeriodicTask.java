package vn.danvan.kit.consumer;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Housekeeping on a timer, on a daemon thread of its own, from the application's start to its stop (the applied-id
 * logs' retention): a run that fails is logged and the next one comes at its time. Safe to run in every replica only
 * if the task is (a delete by time is).
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private ScheduledExecutorService timer;

    /**
     * @param name the thread's name, also in the log line of a failed run
     * @param interval the time between the end of a run and the next (the first comes one interval after start)
     */
    protected PeriodicTask(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** One run. */
    protected abstract void runOnce();

    /** What to do once at start, before the first run (indexes); nothing by default. */
    protected void prepare() {}

    @Override
    public synchronized void start() {
        prepare();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        long every = interval.toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("{} failed, next run in {}: {}", name, interval, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
