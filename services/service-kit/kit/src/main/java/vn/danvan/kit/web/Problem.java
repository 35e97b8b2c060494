package vn.danvan.kit.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * One problem before it is written: its type, the status (normally the type's), the localized detail,
 * the extension members and any response headers. Built by {@link ProblemMapper}, written by {@link
 * ProblemResponder}.
 */
final class Problem {

    private final ProblemType type;
    private int status;
    private String detail;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final HttpHeaders headers = new HttpHeaders();

    Problem(ProblemType type) {
        this.type = type;
        this.status = type.status().value();
    }

    Problem status(int status) {
        this.status = status;
        return this;
    }

    Problem detail(String detail) {
        this.detail = detail;
        return this;
    }

    Problem with(String member, Object value) {
        if (value != null) {
            extensions.put(member, value);
        }
        return this;
    }

    Problem header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    Problem headers(HttpHeaders more) {
        headers.addAll(more);
        return this;
    }

    ProblemType type() {
        return type;
    }

    int status() {
        return status;
    }

    String detail() {
        return detail;
    }

    Map<String, Object> extensions() {
        return extensions;
    }

    HttpHeaders headers() {
        return headers;
    }
}
