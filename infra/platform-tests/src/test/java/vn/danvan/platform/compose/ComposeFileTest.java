package vn.danvan.platform.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import vn.danvan.platform.Repository;

/**
 * The production-like stack in docker-compose.yml. There is no Docker engine on the build machines, so
 * the file is checked against the apps it runs instead of being started.
 */
class ComposeFileTest {

    private static Path root;
    private static ComposeFile compose;

    @BeforeAll
    static void readComposeFile() {
        root = Repository.root();
        compose = ComposeFile.read(root.resolve("docker-compose.yml"));
    }

    @Test
    void wiresEveryAppToItsOwnStoreTheBrokerAndItsDependencies() {
        assertThat(ComposeChecks.violations(root, compose)).isEmpty();
    }

    @Test
    void runsEveryServiceAndTheGatewayBuiltFromTheRepository() {
        List<String> modules = compose.services().values().stream()
                .map(service -> service.buildArgs().get("MODULE"))
                .filter(module -> module != null)
                .sorted()
                .toList();

        assertThat(modules).containsExactlyInAnyOrderElementsOf(Repository.appModules(root));
    }

    @Test
    void buildsEachAppWithTheSharedDockerfileAndItsOwnArtifact() throws Exception {
        Path dockerfile = root.resolve("infra/docker/Dockerfile");
        String recipe = Files.readString(dockerfile);
        for (ComposeFile.Service app : compose.services().values()) {
            if (!app.isBuilt()) {
                continue;
            }
            assertThat(app.dockerfile()).as(app.name()).hasValue("infra/docker/Dockerfile");
            app.buildArgs().keySet().forEach(arg -> assertThat(recipe)
                    .as("%s passes build arg %s", app.name(), arg)
                    .containsPattern("(?m)^ARG " + arg + "\\b"));
            String module = app.buildArgs().get("MODULE");
            assertThat(artifactId(root.resolve(module).resolve("pom.xml")))
                    .as("artifactId of %s", module)
                    .isEqualTo(app.buildArgs().get("ARTIFACT"));
        }
    }

    @Test
    void runsTheBrokerVersionOfTheClientsAndMongoDb8() throws Exception {
        String clients = property(root.resolve("pom.xml"), "kafka.version");
        compose.services().values().stream()
                .filter(service -> service.image().startsWith("apache/kafka"))
                .forEach(broker -> assertThat(broker.image()).as(broker.name()).isEqualTo("apache/kafka:" + clients));
        List<ComposeFile.Service> mongos = compose.services().values().stream()
                .filter(service -> service.image().startsWith("mongo:"))
                .toList();

        assertThat(mongos).hasSize(Repository.serviceModules(root).size());
        mongos.forEach(mongo -> assertThat(mongo.image()).as(mongo.name()).startsWith("mongo:8"));
    }

    @Test
    void createsEveryServicesStreamBeforeTheServicesStart() {
        ComposeFile.Service init = compose.service("kafka-init").orElseThrow();
        String command = String.valueOf(init.spec().get("command"));
        Map<String, String> topics = new TreeMap<>();
        ComposeChecks.apps(root, compose).forEach((name, config) -> config.property("danvan.events.topic")
                .ifPresent(topic -> topics.put(name, topic)));

        assertThat(topics).hasSize(Repository.serviceModules(root).size());
        topics.values().forEach(topic -> assertThat(command).contains(topic));
        assertThat(command).contains("--partitions 6");
        topics.keySet()
                .forEach(service -> assertThat(compose.services().get(service).dependsOn())
                        .as(service)
                        .containsEntry("kafka-init", "service_completed_successfully"));
    }

    @Test
    void givesEveryServiceItsOwnMongoDb() {
        List<String> services = Repository.serviceModules(root);
        Map<String, String> storeOfService = new TreeMap<>();
        ComposeChecks.apps(root, compose).forEach((name, config) -> {
            if (services.contains(config.module())) {
                String uri = compose.services().get(name).environment().getOrDefault("MONGODB_URI", "");
                ComposeChecks.endpoints(uri).forEach(endpoint -> storeOfService.put(name, endpoint.host()));
            }
        });

        assertThat(storeOfService).hasSize(services.size());
        assertThat(Set.copyOf(storeOfService.values())).hasSize(services.size());
        storeOfService.values().forEach(store -> assertThat(compose.service(store))
                .as(store)
                .hasValueSatisfying(mongo -> assertThat(mongo.image()).startsWith("mongo:")));
    }

    private static String artifactId(Path pom) throws Exception {
        Element project = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(pom.toFile())
                .getDocumentElement();
        for (var child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if ("artifactId".equals(child.getNodeName())) {
                return child.getTextContent().trim();
            }
        }
        throw new IllegalStateException("no artifactId in " + pom);
    }

    private static String property(Path pom, String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
        if (!m.find()) {
            throw new IllegalStateException("no property " + name + " in " + pom);
        }
        return m.group(1).trim();
    }
}
