package vn.danvan.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code danvan.gateway.*}); defaults and the public endpoint list are in
 * application.yml, documented in docs/gateway.md.
 */
@ConfigurationProperties("danvan.gateway")
public record GatewayProperties(
        @DefaultValue List<PublicEndpoint> publicEndpoints,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue Cors cors,
        @DefaultValue BodyLimit bodyLimit,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Resilience resilience,
        @DefaultValue RequestHead requestHead,
        @DefaultValue Streams streams) {

    /**
     * A method and path pattern anyone may call without a token; {@code limit} names the rate limit that
     * applies to it (absent: none).
     */
    public record PublicEndpoint(HttpMethod method, String path, String limit) {}

    public record Cors(@DefaultValue({"http://127.0.0.1:8080", "http://localhost:8080"}) List<String> allowedOrigins) {}

    /**
     * The longest request target (path and query) and the most header bytes the gateway answers with a service's
     * answer; longer ones get a 414 or 431 problem (problem/OversizedRequestHead). Netty's decoder limits
     * ({@code server.netty.max-initial-line-length}, {@code server.max-http-request-header-size}) must be larger.
     */
    public record RequestHead(@DefaultValue("4KB") DataSize maxTarget, @DefaultValue("8KB") DataSize maxHeaders) {}

    public record BodyLimit(@DefaultValue("1MB") DataSize max, @DefaultValue List<PathLimit> paths) {}

    /** A larger (or smaller) body limit for requests whose path matches the pattern. */
    public record PathLimit(String path, DataSize max) {}

    /**
     * {@code enabled}: false switches the limits off; {@code store}: {@code memory} (per replica) or {@code redis} (shared); {@code perMinute}: requests a
     * minute per client for each named limit; {@code maxClients}: how many clients the in-process store
     * keeps buckets for before evicting the least recently seen; {@code storeTimeout}: how long a request waits
     * for the shared store's answer before it is let through (a stalled Redis must not stall submissions).
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("memory") String store,
            @DefaultValue Map<String, Integer> perMinute,
            @DefaultValue("100000") long maxClients,
            @DefaultValue("1s") Duration storeTimeout) {}

    /**
     * Long-lived answers (event streams) one client may hold open at once through this replica: {@code maxPerClient}
     * (0: no limit) on GET requests whose path matches one of {@code paths}. Each holds a connection to its service
     * for as long as the client stays, which no rate limit counts.
     */
    public record Streams(
            @DefaultValue("10") int maxPerClient, @DefaultValue("/api/v1/statistics/stream") List<String> paths) {}

    /**
     * Circuit breakers, one per service: opened when {@code failureRateThreshold} percent of the last
     * {@code slidingWindow} calls failed (after at least {@code minimumCalls}); kept open for {@code
     * openWait}, which is also the {@code Retry-After} of the 503; {@code timeLimit} is the least time a call
     * may take inside the breaker: a breaker whose route has a longer response timeout waits that timeout and a
     * second more (resilience/BreakerConfig), so the route's own 504 answers first.
     */
    public record Resilience(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindow,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("10s") Duration openWait,
            @DefaultValue("30s") Duration timeLimit) {}
}
