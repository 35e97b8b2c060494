package vn.danvan.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vn.danvan.platform.AppConfig;
import vn.danvan.platform.Repository;

/**
 * Every app runs with its own defaults on a developer's machine (infra/devstack): distinct ports and
 * names, and each service in its own MongoDB database.
 */
class ServiceConfigTest {

    private final Path root = Repository.root();

    @Test
    void appsListenOnDistinctPorts() {
        Map<String, String> ports = perApp(
                Repository.appModules(root), c -> c.defaultValue("server.port").orElse(""));

        assertThat(ports).hasSize(5);
        assertThat(DistinctSettings.clashes("server.port", ports)).isEmpty();
    }

    @Test
    void appsHaveDistinctNames() {
        Map<String, String> names = perApp(Repository.appModules(root), c -> c.defaultValue("spring.application.name")
                .orElse(""));

        assertThat(DistinctSettings.clashes("spring.application.name", names)).isEmpty();
    }

    @Test
    void servicesUseDistinctDatabases() {
        Map<String, String> databases =
                perApp(Repository.serviceModules(root), c -> c.defaultValue("spring.mongodb.uri")
                        .map(ServiceConfigTest::database)
                        .orElse(""));

        assertThat(databases).hasSize(4).allSatisfy((module, database) -> assertThat(database)
                .startsWith("danvan_"));
        assertThat(DistinctSettings.clashes("database", databases)).isEmpty();
    }

    @Test
    void reportsASharedOrMissingSetting() {
        Map<String, String> ports = new LinkedHashMap<>();
        ports.put("model-registry", "8081");
        ports.put("dialogue-scheduler", "8081");
        ports.put("feedback-intake", "");

        assertThat(DistinctSettings.clashes("server.port", ports))
                .containsExactly(
                        "feedback-intake declares no server.port",
                        "server.port 8081 is declared by [model-registry, dialogue-scheduler]");
    }

    private Map<String, String> perApp(Iterable<String> modules, Function<AppConfig, String> setting) {
        Map<String, String> values = new LinkedHashMap<>();
        modules.forEach(module -> values.put(module, setting.apply(AppConfig.read(root, module))));
        return values;
    }

    private static String database(String uri) {
        String path = uri.substring(uri.indexOf("://") + 3);
        int slash = path.indexOf('/');
        if (slash < 0) {
            return "";
        }
        int query = path.indexOf('?', slash);
        return query < 0 ? path.substring(slash + 1) : path.substring(slash + 1, query);
    }
}
