package vn.danvan.gateway.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Counts one request of a client against a named limit ({@code danvan.gateway.rate-limit.per-minute}): in
 * process (one replica) or in Redis (shared by every replica).
 */
interface RateLimitStore {

    Mono<Decision> consume(String limit, String client);

    /** Allowed or not; when not, how many seconds until the client may try again. */
    record Decision(boolean allowed, long retryAfterSeconds) {

        static final Decision ALLOWED = new Decision(true, 0);
    }
}
