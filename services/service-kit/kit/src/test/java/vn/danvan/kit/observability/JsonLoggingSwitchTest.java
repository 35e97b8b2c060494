package vn.danvan.kit.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** danvan.logging.json turns console lines into JSON documents, and only that switch does. */
@ExtendWith(OutputCaptureExtension.class)
class JsonLoggingSwitchTest {

    @Configuration(proxyBeanMethods = false)
    static class NothingToConfigure {}

    /** Logging is global to the JVM: leave it as plain text for the test classes that follow. */
    @AfterAll
    static void restorePlainLogging() {
        logWithin("restoring plain console logging");
    }

    @Test
    void theSwitchTurnsConsoleLinesIntoJson(CapturedOutput output) {
        String probe = "json-probe-" + UUID.randomUUID();
        logWithin(probe, "danvan.logging.json=true");

        String line = lineWith(output, probe);
        JsonNode json = JsonMapper.shared().readTree(line);
        assertThat(json.get("message").asString()).isEqualTo(probe);
        assertThat(json.has("@timestamp")).isTrue();
    }

    @Test
    void withoutTheSwitchLinesArePlainText(CapturedOutput output) {
        String probe = "plain-probe-" + UUID.randomUUID();
        logWithin(probe);

        assertThat(lineWith(output, probe))
                .doesNotStartWith("{")
                .contains("INFO")
                .contains("[json-switch]");
    }

    private static void logWithin(String probe, String... properties) {
        // Logging is configured once per JVM: Boot skips re-initialising it while another test's
        // context holds it, and keeps the last console format in a system property. Release both so
        // this application configures the console itself, as a service's single application does.
        LoggingSystem.get(JsonLoggingSwitchTest.class.getClassLoader()).cleanUp();
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingToConfigure.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .properties("spring.main.banner-mode=off", "spring.application.name=json-switch")
                .run()) {
            LoggerFactory.getLogger(JsonLoggingSwitchTest.class).info(probe);
        }
    }

    private static String lineWith(CapturedOutput output, String probe) {
        List<String> lines =
                output.getOut().lines().filter(l -> l.contains(probe)).toList();
        assertThat(lines).hasSize(1);
        return lines.getFirst().strip();
    }
}
