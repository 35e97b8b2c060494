package vn.danvan.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.danvan.kit.test.OpenApiDocuments.PROBLEM;
import static vn.danvan.kit.test.OpenApiDocuments.names;
import static vn.danvan.kit.test.OpenApiDocuments.problemSchemaOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.test.ServiceStartupContract;
import vn.danvan.statistics.query.Params;
import vn.danvan.statistics.query.StatisticsQueries;

class StatisticsStartupTest extends ServiceStartupContract {

    StatisticsStartupTest() {
        super("danvan.statistics.v1", "danvan_statistics");
    }

    @Test
    void itsOpenApiDocumentListsTheValuesOfEachChoiceParameter() {
        JsonNode paths = document().path("paths");

        // what the parameters take (in any case) is what the document offers
        assertThat(allowed(paths, "/api/v1/statistics/breakdown", "by"))
                .containsExactlyElementsOf(lower(StatisticsQueries.By.values()));
        assertThat(allowed(paths, "/api/v1/statistics/breakdown", "lang"))
                .containsExactlyElementsOf(lower(Params.Lang.values()));
        assertThat(allowed(paths, "/api/v1/statistics/summary", "compare"))
                .containsExactlyElementsOf(lower(StatisticsQueries.Compare.values()));
        assertThat(allowed(paths, "/api/v1/statistics/series", "step"))
                .containsExactlyElementsOf(lower(StatisticsQueries.Step.values()));
        assertThat(allowed(paths, "/api/v1/statistics/inactive-units", "activity"))
                .containsExactlyElementsOf(lower(StatisticsQueries.Activity.values()));
        assertThat(parameter(paths, "/api/v1/statistics/inactive-units", "activity")
                        .path("schema")
                        .path("default")
                        .asString())
                .isEqualTo("feedback");
        assertThat(allowed(paths, "/api/v1/statistics/export", "format")).containsExactly("csv", "xlsx");
        assertThat(parameter(paths, "/api/v1/statistics/export", "format")
                        .path("schema")
                        .path("default")
                        .asString())
                .isEqualTo("csv");
        assertThat(allowed(paths, "/api/v1/statistics/export", "lang"))
                .containsExactlyElementsOf(lower(Params.Lang.values()));
        assertThat(allowed(paths, "/api/v1/statistics/export", "compare"))
                .containsExactlyElementsOf(lower(StatisticsQueries.Compare.values()));
    }

    @Test
    void itsOpenApiDocumentGivesTheMediaTypesTheEndpointsAnswerWith() {
        JsonNode document = document();
        JsonNode paths = document.path("paths");

        JsonNode stream = paths.path("/api/v1/statistics/stream").path("get").path("responses");
        assertThat(names(stream.path("200").path("content"))).containsExactly("text/event-stream");
        assertThat(stream.path("200").path("description").asString()).contains("figures", "heartbeat");
        assertThat(document.path("components").path("schemas").has("SseEmitter"))
                .isFalse();

        JsonNode export = paths.path("/api/v1/statistics/export").path("get").path("responses");
        assertThat(names(export.path("200").path("content")))
                .containsExactly("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        JsonNode summary = paths.path("/api/v1/statistics/summary").path("get").path("responses");
        assertThat(names(summary.path("200").path("content"))).containsExactly("application/json");
    }

    @Test
    void itsOpenApiDocumentListsTheProblemAnswers() {
        JsonNode paths = document().path("paths");

        // public statistics: no token asked for; an unknown unit is a 404 problem
        JsonNode summary = paths.path("/api/v1/statistics/summary").path("get").path("responses");
        assertThat(names(summary)).containsExactly("200", "400", "404", "429", "503");
        assertThat(problemSchemaOf(summary.path("404"))).isEqualTo(PROBLEM);

        JsonNode overdue = paths.path("/api/v1/statistics/overdue").path("get").path("responses");
        assertThat(names(overdue)).contains("401", "403", "404");

        JsonNode unit = paths.path("/api/v1/units/{code}").path("get").path("responses");
        assertThat(names(unit)).contains("404").doesNotContain("401");

        JsonNode rebuild = paths.path("/api/v1/statistics/rebuild").path("post").path("responses");
        assertThat(names(rebuild)).contains("202", "401", "403", "409");
        assertThat(rebuild.path("409").path("description").asString()).contains("statistics.rebuild.running");
        assertThat(problemSchemaOf(rebuild.path("409"))).isEqualTo(PROBLEM);
    }

    private JsonNode document() {
        return JsonMapper.shared().readTree(openApiDocument());
    }

    private static JsonNode parameter(JsonNode paths, String path, String name) {
        for (JsonNode parameter : paths.path(path).path("get").path("parameters")) {
            if (name.equals(parameter.path("name").asString())) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " of " + path);
    }

    private static List<String> allowed(JsonNode paths, String path, String name) {
        List<String> values = new ArrayList<>();
        parameter(paths, path, name).path("schema").path("enum").forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> lower(Enum<?>[] constants) {
        return Arrays.stream(constants)
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toList();
    }
}
