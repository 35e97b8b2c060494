package vn.danvan.statistics.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A metric has one name wherever an officer reads it: the dashboard (static/dashboard/i18n.js) and the exported report
 * (messages*.properties) say the same, in Vietnamese and in English. The export's rate column adds its unit, "(%)",
 * which the dashboard writes after each value instead.
 */
class MetricNamesTest {

    private static final Pattern LABEL = Pattern.compile("'metric\\.([\\w.]+)': '([^']*)'");

    @Test
    void theDashboardAndTheExportNameEveryMetricAlike() throws IOException {
        String script = resource("static/dashboard/i18n.js");
        int english = script.indexOf("\n  en: {");
        assertThat(english).isPositive();
        Map<String, String> dashboardVi = labels(script.substring(0, english));
        Map<String, String> dashboardEn = labels(script.substring(english));
        Properties exportVi = properties("messages.properties");
        Properties exportEn = properties("messages_en.properties");

        for (String metric : new FeedbackFigures().metrics()) {
            assertThat(exportName(exportVi, metric)).as(metric).isEqualTo(dashboardVi.get(metric));
            assertThat(exportName(exportEn, metric)).as(metric).isEqualTo(dashboardEn.get(metric));
        }
        assertThat(dashboardVi)
                .containsEntry("feedback.answeredOnTime", "Trả lời đúng hạn")
                .containsEntry("feedback.answeredLate", "Trả lời quá hạn")
                .containsEntry("feedback.pendingNow", "Đang xử lý");
    }

    private static String exportName(Properties messages, String metric) {
        String name = messages.getProperty("metric." + metric);
        assertThat(name).as(metric).isNotNull();
        return name.endsWith(" (%)") ? name.substring(0, name.length() - 4) : name;
    }

    private static Map<String, String> labels(String part) {
        Map<String, String> labels = new HashMap<>();
        Matcher m = LABEL.matcher(part);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }

    private static Properties properties(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = open(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream open(String name) {
        InputStream in = MetricNamesTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
