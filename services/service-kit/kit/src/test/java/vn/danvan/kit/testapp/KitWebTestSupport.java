package vn.danvan.kit.testapp;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * One running test service shared by the web and observability tests (one Spring context for both),
 * backed by an in-memory MongoDB-compatible store so the readiness group can report UP.
 */
@SpringBootTest(
        classes = KitTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=kit-test",
            // small, so that the limit tests send little data; multipart follows through the defaults
            "danvan.http.max-request-body=64KB",
            // one path allowed more, as feedback-intake's imports are: its multipart limits raised with it
            "danvan.http.max-request-body-by-path[/test/dialogues/attachments]=256KB",
            "spring.servlet.multipart.max-file-size=256KB",
            "spring.servlet.multipart.max-request-size=256KB",
            // no broker in these tests; never reach a developer's local one
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            // the test app's dialogue endpoints stand for a service's public ones; /test/units/** need a token
            "danvan.security.public-endpoints=/test/dialogues/**,/test/failing-filter,GET /test/notices/**"
        })
public abstract class KitWebTestSupport {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress MONGO_ADDRESS = bindMongo();

    protected static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + MONGO_ADDRESS.getPort() + "/danvan_kit_test");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIdentityProvider.shared()
                .issuer());
    }

    private static InetSocketAddress bindMongo() {
        MONGO.bind("127.0.0.1", 0);
        return MONGO.getLocalAddress();
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> postJson(String path, String json, String... headers) {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** {@code Authorization} header values of a signed-in province officer of Hà Nội, for paths that need one. */
    protected static String[] signedIn() {
        return new String[] {
            "Authorization", "Bearer " + TestIdentityProvider.shared().token("officer-1", "01", "PROVINCE_OFFICER")
        };
    }

    protected HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** A body without Content-Length: sent chunked, so only counting while reading can catch it. */
    protected static HttpRequest.BodyPublisher chunked(Supplier<InputStream> body) {
        return HttpRequest.BodyPublishers.ofInputStream(body);
    }

    /**
     * A request written byte for byte, as an HTTP client library would refuse to send it (a bad percent-escape, a
     * character a URI may not hold): what a broken client or a probe sends. HTTP/1.0, so the answer is not chunked.
     */
    protected RawResponse raw(String requestLine, String... headerLines) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param headers by lower-case name */
    protected record RawResponse(int status, Map<String, String> headers, String body) {}

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
