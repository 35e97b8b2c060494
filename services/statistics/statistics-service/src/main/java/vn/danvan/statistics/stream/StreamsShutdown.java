package vn.danvan.statistics.stream;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Ends the open streams as soon as the replica begins to stop, before the web server's graceful shutdown waits for
 * the requests in flight. A stream is one such request until its time limit (30 min), so that wait used to run out
 * (20 s, {@code spring.lifecycle.timeout-per-shutdown-phase}) whenever a dashboard was connected: the stop took about
 * 25 s, past a container's grace period, and the kill that followed cut off the outbox relay's last batch and a
 * rebuild's release of its lease. Browsers reconnect with Last-Event-ID, to another replica.
 */
final class StreamsShutdown implements SmartLifecycle {

    private final ChangeFeed feed;
    private volatile boolean running;

    StreamsShutdown(ChangeFeed feed) {
        this.feed = feed;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        feed.closeStreams();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped just before the graceful shutdown (a higher phase stops first). */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }

    /** Only a close ends the streams: a context's stop and start again (a pause) must not. */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
