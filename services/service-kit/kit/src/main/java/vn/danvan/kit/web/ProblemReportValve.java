package vn.danvan.kit.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report for what Tomcat answers itself, before any filter or Spring MVC runs: a request line
 * with characters it refuses ({@code |}, {@code [}), a path with a bad percent-escape, an encoded slash. Its
 * default is an HTML page; this writes the same problem the kit writes everywhere else. Errors that went
 * through the application already have a body (the error controller wrote it), and are left alone.
 */
final class ProblemReportValve extends ErrorReportValve {

    private final ProblemResponder responder;
    private final JsonMapper json = JsonMapper.shared();

    ProblemReportValve(ProblemResponder responder) {
        this.responder = responder;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ResponseEntity<Map<String, Object>> problem = responder.respondToStatus(status, request);
        try {
            problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem.getBody()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException gone) {
            // the client went away or the response was committed meanwhile: nothing more to tell it
        }
    }
}
