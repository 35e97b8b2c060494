package vn.danvan.statistics.rebuild;

import java.time.Instant;

/**
 * Progress of one rebuild, as {@code GET /api/v1/statistics/rebuild/{jobId}} shows it.
 *
 * @param total events on the topics when the job started (the replay reads up to there, then catches up)
 * @param ratePerSecond events applied per second so far
 */
record RebuildJob(
        String jobId,
        String status,
        String generation,
        long processed,
        long total,
        double ratePerSecond,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
}
