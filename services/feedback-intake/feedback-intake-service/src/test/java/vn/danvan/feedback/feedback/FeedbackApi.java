package vn.danvan.feedback.feedback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/** A small HTTP client for the feedback API in tests: citizens anonymous, officers with a bearer token. */
public final class FeedbackApi {

    static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public FeedbackApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Officer(String id, String unit, String roles) {}

    public static Officer communeOfficer(String unit) {
        return new Officer("officer-" + unit, unit, "COMMUNE_OFFICER");
    }

    public static Officer provinceOfficer(String province) {
        return new Officer("province-" + province, province, "PROVINCE_OFFICER");
    }

    public record Answer(int status, JsonNode body, HttpResponse<String> raw) {

        public String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }
    }

    public Answer post(String path, String json, Officer officer, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        return send(request, officer, headers);
    }

    /** A POST whose body is sent as {@code contentType} (a client that sends something other than JSON). */
    public Answer postAs(String path, String body, String contentType, Officer officer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, officer);
    }

    /** A file sent as an officer's upload ({@code multipart/form-data}, part {@code file}), e.g. an import. */
    public Answer upload(String path, String fileName, byte[] content, Officer officer) {
        return send(fileUpload(HttpRequest.newBuilder(URI.create(base + path)), fileName, content), officer);
    }

    /** The request as a browser's form sends a file: {@code multipart/form-data}, one part {@code file}. */
    public static HttpRequest.Builder fileUpload(HttpRequest.Builder request, String fileName, byte[] content) {
        String boundary = "----danvan" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    public Answer get(String path, Officer officer, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), officer, headers);
    }

    private Answer send(HttpRequest.Builder request, Officer officer, String... headers) {
        if (officer != null) {
            request.header(
                    "Authorization",
                    "Bearer "
                            + TestIdentityProvider.shared()
                                    .token(
                                            officer.id(),
                                            officer.unit(),
                                            officer.roles().split(",")));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
