package vn.danvan.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * The Redis store against a real redis-server (Debian's package, started here on a free port, no persistence):
 * two gateway instances share one client's limit. Fails when redis-server is missing, unless DANVAN_SKIP_REDIS=true
 * (then it is reported as skipped, never silently passed).
 */
class RedisRateLimitTest {

    private static final File REDIS_SERVER = new File("/usr/bin/redis-server");
    private static final TestIdentityProvider IDENTITY = TestIdentityProvider.shared();
    private static final Stub FEEDBACK = new Stub("feedback-intake");

    private static Process redis;
    private static int redisPort;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startRedisAndTwoGateways() throws Exception {
        if (!REDIS_SERVER.canExecute()) {
            if ("true".equals(System.getenv("DANVAN_SKIP_REDIS"))) {
                Assumptions.abort("redis-server missing and DANVAN_SKIP_REDIS=true: Redis rate limits not tested");
            }
            fail("/usr/bin/redis-server is missing: install Debian's redis-server (apt-get install redis-server), "
                    + "or set DANVAN_SKIP_REDIS=true to skip this test explicitly");
        }
        redisPort = freePort();
        redis = new ProcessBuilder(
                        REDIS_SERVER.getPath(),
                        "--port",
                        Integer.toString(redisPort),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitPong();
        first = gateway();
        second = gateway();
        // A cold gateway opens its Redis connection on its first limited request; once per instance, and apart
        // from the limit under test (another client), so that the counting below starts on warm connections.
        awaitCountedInRedis(first, "203.0.113.1");
        awaitCountedInRedis(second, "203.0.113.2");
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        FEEDBACK.stop();
    }

    @Test
    void twoGatewaysShareOneClientsLimit() {
        WebTestClient a = client(first);
        WebTestClient b = client(second);
        post(a, "198.51.100.9").expectStatus().isOk();
        post(b, "198.51.100.9").expectStatus().isOk();
        post(a, "198.51.100.9").expectStatus().isOk();
        // the fourth in the minute, whichever instance gets it
        post(b, "198.51.100.9")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "20")
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("urn:danvan:problem:too-many-requests"));
        post(a, "198.51.100.9").expectStatus().isEqualTo(429);
        post(a, "198.51.100.10").expectStatus().isOk();
    }

    /** Command-line arguments, so they win over application.yml (builder properties would not). */
    private static ConfigurableApplicationContext gateway() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--FEEDBACK_INTAKE_URL=" + FEEDBACK.url(),
                        "--DANVAN_ISSUER_URI=" + IDENTITY.issuer(),
                        "--DANVAN_JWK_SET_URI=" + IDENTITY.jwkSetUri(),
                        "--danvan.gateway.trusted-proxies=127.0.0.1",
                        "--DANVAN_RATE_LIMIT_STORE=redis",
                        "--DANVAN_RATE_LIMIT_SUBMIT=3",
                        // generous, so that a slow machine never lets a counted request through uncounted
                        "--danvan.gateway.rate-limit.store-timeout=10s",
                        "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=" + redisPort);
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client, String from) {
        return client.post()
                .uri("/api/v1/feedback")
                .header("X-Forwarded-For", from)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange();
    }

    /**
     * Sends requests from {@code client} through the gateway until Redis holds that client's bucket (60 s at
     * most); on failure prints the threads, so that a hang says where it hangs.
     */
    private static void awaitCountedInRedis(ConfigurableApplicationContext gateway, String client)
            throws InterruptedException {
        WebTestClient web = client(gateway);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                // 200, or 429 once this client has spent its 3: either way the gateway asked Redis
                post(web, client).expectStatus().value(status -> assertThat(status)
                        .isIn(200, 429));
                String keys = redis("KEYS *" + client + "*");
                if (keys.startsWith("*") && !keys.equals("*0")) {
                    return;
                }
            } catch (AssertionError | RuntimeException | IOException notYet) {
                last = notYet;
            }
            Thread.sleep(200);
        }
        System.err.println(threadDump());
        throw new IllegalStateException("no rate-limit bucket for " + client + " in Redis after 60 s", last);
    }

    /** One inline command; the first line of the reply (e.g. "*1" for a one-key list). */
    private static String redis(String command) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redisPort)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder("threads:\n");
        for (java.lang.management.ThreadInfo thread :
                java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            dump.append(thread);
        }
        return dump.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPong() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try {
                if (redis("PING").equals("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + redisPort);
    }
}
