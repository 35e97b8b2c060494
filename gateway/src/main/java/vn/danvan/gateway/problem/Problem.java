package vn.danvan.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/** One problem to write: its type, status (normally the type's), detail arguments, extensions and headers. */
public final class Problem {

    private final ProblemType type;
    private int status;
    private String detailKey;
    private Object[] detailArguments = new Object[0];
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final HttpHeaders headers = new HttpHeaders();

    private Problem(ProblemType type) {
        this.type = type;
        this.status = type.status();
        this.detailKey = type.detailKey();
    }

    public static Problem of(ProblemType type) {
        return new Problem(type);
    }

    public Problem status(int status) {
        this.status = status;
        return this;
    }

    /** Detail text from the bundle key {@code problem.<slug>.detail}, formatted with these arguments. */
    public Problem detailArguments(Object... arguments) {
        this.detailArguments = arguments;
        return this;
    }

    /** Detail text from another bundle key than the type's own. */
    public Problem detail(String key, Object... arguments) {
        this.detailKey = key;
        this.detailArguments = arguments;
        return this;
    }

    public Problem with(String member, Object value) {
        if (value != null) {
            extensions.put(member, value);
        }
        return this;
    }

    public Problem header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    ProblemType type() {
        return type;
    }

    int status() {
        return status;
    }

    String detailKey() {
        return detailKey;
    }

    Object[] detailArguments() {
        return detailArguments;
    }

    Map<String, Object> extensions() {
        return extensions;
    }

    HttpHeaders headers() {
        return headers;
    }
}
