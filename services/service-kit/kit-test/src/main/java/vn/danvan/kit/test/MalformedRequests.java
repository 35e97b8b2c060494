package vn.danvan.kit.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends every operation of a running service's OpenAPI document what a broken or hostile client sends: bodies that
 * are no JSON, fields of the wrong type, too long or missing, path and query values that are no values at all (bad
 * percent-escapes, {@code ..}, NUL), header values with control characters, the wrong content types. Every answer
 * must be a success or a client error written as a problem ({@code application/problem+json}); a 5xx, or a 4xx of
 * another kind (Tomcat's HTML page, an empty body), is a {@link Finding}.
 *
 * <p>Requests go out byte for byte over a socket (HTTP/1.0, one connection each): an HTTP client library refuses to
 * send most of them. Give the sweep valid path values, query values and bodies ({@link #pathValue}, {@link
 * #queryValue}, {@link #body}) so that its variants get past the first check and reach the code behind it.
 */
public final class MalformedRequests {

    /** A request whose answer was not a success or a problem. */
    public record Finding(String method, String target, String sent, int status, String contentType, String body) {

        @Override
        public String toString() {
            return status + " " + method + " " + abbreviate(target) + " <- " + abbreviate(sent) + " -> " + contentType
                    + " " + abbreviate(body);
        }
    }

    /**
     * @param requests how many requests were sent
     * @param accepted how many of them were answered 2xx, by operation ({@code POST /api/v1/feedback})
     */
    public record Sweep(int requests, List<Finding> findings, Map<String, Integer> accepted) {

        public int acceptedBy(String operation) {
            return accepted.getOrDefault(operation, 0);
        }
    }

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> WEIRD_PATH_VALUES =
            List.of("x", "%00", "a".repeat(3000), "%C4%91", "..", "%2F", "-1", "null", "%25", "%ZZ", "1e400", "a|b");
    private static final List<String> WEIRD_QUERY_VALUES = List.of(
            "",
            "x",
            "-1",
            "99999999999999999999",
            "2026-13-45",
            "%00",
            "a".repeat(5000),
            "%C4%91",
            "true",
            "1e400",
            "null",
            "%5B%5D",
            "%ZZ",
            "a|b");
    private static final List<String> WEIRD_HEADER_VALUES = List.of("", "a".repeat(9000), "\u00c4\u0091", "\t", "%00");
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1",
            "multipart/form-data",
            "");

    private final int port;
    private final List<String> authorizations = new ArrayList<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, String> queryValues = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private Consumer<String> progress = line -> {};

    public MalformedRequests(int port) {
        this.port = port;
    }

    /** Sends every variant once per token (and once with none at all, if {@code null} is among them). */
    public MalformedRequests as(String... bearerTokens) {
        for (String token : bearerTokens) {
            authorizations.add(token == null ? null : "Bearer " + token);
        }
        return this;
    }

    /** A value for the path variable {@code name} of paths starting with {@code pathPrefix}. */
    public MalformedRequests pathValue(String pathPrefix, String name, String value) {
        pathValues.put(pathPrefix + "|" + name, value);
        return this;
    }

    /** A valid value of a query parameter, sent with every variant of the other parameters. */
    public MalformedRequests queryValue(String name, String value) {
        queryValues.put(name, value);
        return this;
    }

    /** A valid JSON body of an operation ({@code POST /api/v1/feedback}), the one its variants start from. */
    public MalformedRequests body(String operation, String json) {
        bodies.put(operation, json);
        return this;
    }

    /** Where to say what is being swept, one line per operation. */
    public MalformedRequests reportingTo(Consumer<String> progress) {
        this.progress = progress;
        return this;
    }

    public Sweep run() {
        if (authorizations.isEmpty()) {
            authorizations.add(null);
        }
        JsonNode document = JSON.readTree(send(new Request("GET", "/v3/api-docs", null, null, null, Map.of()))
                .body());
        JsonNode schemas = document.path("components").path("schemas");
        Run run = new Run();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                sweep(run, operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), operation.getValue(), schemas);
            }
        }
        return new Sweep(run.requests, List.copyOf(run.findings), Map.copyOf(run.accepted));
    }

    private void sweep(Run run, String method, String template, JsonNode operation, JsonNode schemas) {
        String name = method + " " + template;
        int before = run.requests;
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        JsonNode jsonBody = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        String body = bodies.containsKey(name)
                ? bodies.get(name)
                : jsonBody.isMissingNode() ? null : JSON.writeValueAsString(sample(jsonBody, schemas, 0));
        String path = fill(template, parameters, null);
        String query = query(parameters, schemas, null, null);
        String target = path + query;
        String contentType = body == null ? null : "application/json";

        for (String authorization : authorizations) {
            run.send(name, new Request(method, target, contentType, body, authorization, Map.of()));
        }
        String authorization = authorizations.get(authorizations.size() - 1);
        if (template.contains("{")) {
            for (String weird : WEIRD_PATH_VALUES) {
                run.send(
                        name,
                        new Request(
                                method,
                                fill(template, parameters, weird) + query,
                                contentType,
                                body,
                                authorization,
                                Map.of()));
            }
        }
        for (JsonNode parameter : parameters) {
            String in = parameter.path("in").asString();
            if (in.equals("query")) {
                for (String queryName : queryNames(parameter, schemas)) {
                    for (String weird : WEIRD_QUERY_VALUES) {
                        run.send(
                                name,
                                new Request(
                                        method,
                                        path + query(parameters, schemas, queryName, weird),
                                        contentType,
                                        body,
                                        authorization,
                                        Map.of()));
                    }
                    run.send(
                            name,
                            new Request(
                                    method,
                                    path + query + (query.isEmpty() ? "?" : "&") + queryName + "=x&" + queryName + "=y",
                                    contentType,
                                    body,
                                    authorization,
                                    Map.of()));
                }
            } else if (in.equals("header")) {
                for (String weird : WEIRD_HEADER_VALUES) {
                    run.send(
                            name,
                            new Request(
                                    method,
                                    target,
                                    contentType,
                                    body,
                                    authorization,
                                    Map.of(parameter.path("name").asString(), weird)));
                }
            }
        }
        if (!method.equals("GET")) {
            String json = body != null ? body : "{}";
            for (String type : CONTENT_TYPES) {
                run.send(
                        name, new Request(method, target, type.isEmpty() ? null : type, json, authorization, Map.of()));
            }
        }
        if (body != null) {
            for (String variant : variants(body)) {
                run.send(name, new Request(method, target, contentType, variant, authorization, Map.of()));
            }
        }
        progress.accept(name + ": " + (run.requests - before) + " requests");
    }

    /** The path with its variables filled: the given value, or {@code weird} in every one of them. */
    private String fill(String template, List<JsonNode> parameters, String weird) {
        String path = template;
        for (JsonNode parameter : parameters) {
            if (parameter.path("in").asString().equals("path")) {
                String name = parameter.path("name").asString();
                String value = weird != null ? weird : pathValue(template, name);
                path = path.replace("{" + name + "}", value);
            }
        }
        return path;
    }

    private String pathValue(String template, String name) {
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, String> entry : pathValues.entrySet()) {
            String[] key = entry.getKey().split("\\|", 2);
            if (key[1].equals(name) && template.startsWith(key[0]) && key[0].length() > bestLength) {
                best = entry.getValue();
                bestLength = key[0].length();
            }
        }
        return best != null ? best : "x";
    }

    /** The query of the given values, with {@code weird} as the value of {@code weirdName}. */
    private String query(List<JsonNode> parameters, JsonNode schemas, String weirdName, String weird) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters) {
            if (!parameter.path("in").asString().equals("query")) {
                continue;
            }
            for (String name : queryNames(parameter, schemas)) {
                String value = name.equals(weirdName) ? weird : queryValues.get(name);
                if (value != null) {
                    query.append(query.isEmpty() ? '?' : '&')
                            .append(name)
                            .append('=')
                            .append(value);
                }
            }
        }
        return query.toString();
    }

    /** A query parameter, or the properties of an object bound from the query (a filter). */
    private static List<String> queryNames(JsonNode parameter, JsonNode schemas) {
        JsonNode schema = resolve(parameter.path("schema"), schemas);
        if (schema.has("properties")) {
            List<String> names = new ArrayList<>();
            schema.get("properties").propertyNames().forEach(names::add);
            return names;
        }
        return List.of(parameter.path("name").asString());
    }

    /** Bodies derived from a valid one: no JSON, or one field (two levels deep) wrong, absent or absurd. */
    private static List<String> variants(String valid) {
        List<String> variants = new ArrayList<>(List.of(
                "", "null", "[]", "{", "\"s\"", "{}", "\u00ff\u00fe\u0000", "{\"a\":".repeat(3000), "[" + valid + "]"));
        JsonNode root = JSON.readTree(valid);
        if (!(root instanceof ObjectNode object)) {
            return variants;
        }
        for (String field : names(object)) {
            for (JsonNode weird : weirdValues()) {
                ObjectNode copy = object.deepCopy();
                copy.set(field, weird);
                variants.add(JSON.writeValueAsString(copy));
            }
            ObjectNode without = object.deepCopy();
            without.remove(field);
            variants.add(JSON.writeValueAsString(without));
            JsonNode inner = object.get(field);
            ObjectNode nested = inner instanceof ObjectNode o
                    ? o
                    : inner instanceof ArrayNode array && !array.isEmpty() && array.get(0) instanceof ObjectNode o
                            ? o
                            : null;
            if (nested != null) {
                for (String nestedField : names(nested)) {
                    for (JsonNode weird : weirdValues()) {
                        ObjectNode copy = object.deepCopy();
                        JsonNode target = copy.get(field);
                        ObjectNode holder =
                                target instanceof ArrayNode array ? (ObjectNode) array.get(0) : (ObjectNode) target;
                        holder.set(nestedField, weird);
                        variants.add(JSON.writeValueAsString(copy));
                    }
                }
            }
        }
        return variants;
    }

    private static List<String> names(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static List<JsonNode> weirdValues() {
        return List.of(
                NODES.nullNode(),
                NODES.stringNode(""),
                NODES.stringNode(" "),
                NODES.stringNode("x".repeat(70_000)),
                NODES.numberNode(-1),
                NODES.numberNode(0),
                NODES.numberNode(new java.math.BigInteger("9223372036854775808")),
                NODES.numberNode(1e308),
                NODES.stringNode("1e400"),
                NODES.numberNode(3.7),
                NODES.numberNode(-2147483649L),
                NODES.booleanNode(true),
                NODES.arrayNode(),
                NODES.arrayNode().add(NODES.nullNode()),
                NODES.objectNode(),
                NODES.objectNode().put("$gt", ""),
                NODES.stringNode("\u0000"),
                NODES.stringNode("\ud800"),
                NODES.stringNode("2026-13-45T25:61:00Z"),
                NODES.stringNode("<script>alert(1)</script>"),
                NODES.stringNode("../../etc/passwd"));
    }

    /** A value of the schema's shape: the first enum constant, "abc", 1; objects and arrays to some depth. */
    private static JsonNode sample(JsonNode schema, JsonNode schemas, int depth) {
        JsonNode s = resolve(schema, schemas);
        if (s.has("enum")) {
            return s.get("enum").get(0);
        }
        String type = s.path("type").asString("");
        if (type.equals("object") || s.has("properties")) {
            ObjectNode object = NODES.objectNode();
            if (depth < 4) {
                for (Map.Entry<String, JsonNode> property : s.path("properties").properties()) {
                    object.set(property.getKey(), sample(property.getValue(), schemas, depth + 1));
                }
            }
            return object;
        }
        return switch (type) {
            case "array" ->
                depth < 4 ? NODES.arrayNode().add(sample(s.path("items"), schemas, depth + 1)) : NODES.arrayNode();
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            default ->
                switch (s.path("format").asString("")) {
                    case "date-time" -> NODES.stringNode("2026-12-01T10:00:00+07:00");
                    case "date" -> NODES.stringNode("2026-12-01");
                    default -> NODES.stringNode("abc");
                };
        };
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        JsonNode s = schema;
        for (int hops = 0; s.has("$ref") && hops < 10; hops++) {
            String ref = s.get("$ref").asString();
            s = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return s;
    }

    private final class Run {
        int requests;
        final List<Finding> findings = new ArrayList<>();
        final Map<String, Integer> accepted = new LinkedHashMap<>();

        void send(String operation, Request request) {
            requests++;
            Answer answer = MalformedRequests.this.send(request);
            if (answer.status() >= 200 && answer.status() < 300) {
                accepted.merge(operation, 1, Integer::sum);
            }
            boolean problem =
                    answer.contentType() != null && answer.contentType().startsWith("application/problem+json");
            if (answer.status() >= 500 || answer.status() < 200 || (answer.status() >= 400 && !problem)) {
                StringBuilder sent = new StringBuilder();
                if (request.contentType() != null) {
                    sent.append("[Content-Type: ").append(request.contentType()).append("] ");
                }
                request.headers().forEach((header, value) -> sent.append('[')
                        .append(header)
                        .append(": ")
                        .append(value)
                        .append("] "));
                findings.add(new Finding(
                        request.method(),
                        request.target(),
                        sent.append(request.body() == null ? "" : request.body())
                                .toString(),
                        answer.status(),
                        answer.contentType(),
                        answer.body()));
            }
        }
    }

    private record Answer(int status, String contentType, String body) {}

    /** One request as it goes out. */
    private record Request(
            String method,
            String target,
            String contentType,
            String body,
            String authorization,
            Map<String, String> headers) {}

    private Answer send(Request request) {
        String method = request.method();
        String target = request.target();
        String contentType = request.contentType();
        String body = request.body();
        String authorization = request.authorization();
        Map<String, String> headers = request.headers();
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (SocketTimeoutException silent) {
            return new Answer(-1, null, "no answer within 20 s");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(target), e);
        }
    }

    /** Reads the status line and headers; the body until the server closes, but not a stream's. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int end = -1;
        byte[] buffer = new byte[8192];
        while (end < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
            end = received.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
        }
        String all = received.toString(StandardCharsets.ISO_8859_1);
        if (end < 0) {
            return new Answer(-1, null, "no complete answer: " + abbreviate(all));
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = null;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = lines[i].substring("content-type:".length()).trim();
            }
        }
        if (contentType != null && contentType.startsWith("text/event-stream")) {
            return new Answer(status, contentType, "(a stream)");
        }
        received.write(in.readAllBytes());
        byte[] bytes = received.toByteArray();
        int bodyStart = end + 4;
        return new Answer(
                status, contentType, new String(bytes, bodyStart, bytes.length - bodyStart, StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "… (" + text.length() + " chars)";
    }
}
