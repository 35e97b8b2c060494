package vn.danvan.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in service on loopback: answers "<name> <path>" (or {@code /v3/api-docs} as a tiny JSON document; under
 * {@code /dashboard} with security headers of its own, as the statistics service) and records the last request's
 * headers and how many requests it saw. Can be stopped and started again on the same port.
 */
final class Stub {

    static final String DASHBOARD_POLICY =
            "default-src 'self'; connect-src 'self' http://127.0.0.1:9000; frame-ancestors 'none'";

    final String name;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    private volatile HttpServer server;
    private final int port;

    Stub(String name) {
        this(name, 0);
    }

    private Stub(String name, int port) {
        this.name = name;
        this.server = start(name, port);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void stop() {
        server.stop(0);
    }

    /** Starts again on the same port (for the circuit breaker's recovery). */
    void restart() {
        server = start(name, port);
    }

    private HttpServer start(String name, int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            http.createContext("/", exchange -> {
                requests.incrementAndGet();
                lastHeaders.set(exchange.getRequestHeaders());
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                byte[] body = (path.equals("/v3/api-docs")
                                ? "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "\"}}"
                                : name + " " + path)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Server", "stub/1.0");
                if (path.startsWith("/dashboard")) {
                    // the dashboard's files come with the service's own security headers, as from statistics; the
                    // frame rule differs from the gateway's own, to tell whose value is kept
                    exchange.getResponseHeaders().set("Content-Security-Policy", DASHBOARD_POLICY);
                    exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
                    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                }
                // a path ending in /unavailable answers 503, for the retry tests
                exchange.sendResponseHeaders(path.endsWith("/unavailable") ? 503 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
