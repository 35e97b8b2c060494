package vn.danvan.kit.outbox;

import java.time.Instant;

/**
 * A relay's claim on an aggregate's pending events, so that one relay at a time publishes them (per-aggregate order)
 * and a relay that died releases them when the lease runs out.
 *
 * @param owner relay instance
 * @param token claim of one batch
 * @param until when the claim lapses
 */
public record OutboxLease(String owner, String token, Instant until) {}
