package vn.danvan.platform.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.platform.AppConfig;
import vn.danvan.platform.Repository;

/**
 * The production-like stack in docker-compose.yml. There is no Docker engine on the build machines, so
 * the file is checked against the apps it runs instead of being started.
 */
class ComposeFileTest {

    private static final String IDENTITY_CONFIG = "infra/identity/src/main/resources/application.yml";

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
            // the image exposes the port the app listens on, not the Dockerfile's default
            assertThat(app.buildArgs())
                    .as("%s: build arg PORT", app.name())
                    .containsEntry("PORT", app.environment().get("PORT"));
        }
    }

    /** The gateway is the one door published on the host; the services behind it scale on their own (ADR 0007). */
    @Test
    void publishesTheGatewayAndLetsEachServiceScale() {
        assertThat(compose.service("gateway").orElseThrow().publishedPorts()).containsExactly("8080");
        List<String> services = Repository.serviceModules(root);
        ComposeChecks.apps(root, compose).forEach((name, config) -> {
            if (services.contains(config.module())) {
                ComposeFile.Service service = compose.services().get(name);
                assertThat(service.publishedPorts()).as(name).isEmpty();
                assertThat(service.spec().get("ports")).as(name).isNull();
                assertThat(String.valueOf(service.spec().get("expose")))
                        .as(name)
                        .isEqualTo("[" + service.environment().get("PORT") + "]");
            }
        });
    }

    /**
     * A stop waits for the app's graceful shutdown (each phase up to its {@code
     * spring.lifecycle.timeout-per-shutdown-phase}) before compose kills it: compose's default 10 s cut off every stop
     * of a service with a request in flight (a statistics stream), and with it the outbox relay's batch and a
     * rebuild's release of its lease.
     */
    @Test
    void givesEveryAppLongerToStopThanItsGracefulShutdownPhase() throws Exception {
        Properties kit = new Properties();
        try (var in = Files.newInputStream(root.resolve(KIT_DEFAULTS))) {
            kit.load(in);
        }
        Map<String, AppConfig> apps = ComposeChecks.apps(root, compose);
        assertThat(apps).isNotEmpty();
        apps.forEach((name, config) -> {
            String phase = config.defaultValue(SHUTDOWN_PHASE)
                    .orElse(config.module().startsWith("services/") ? kit.getProperty(SHUTDOWN_PHASE) : "30s");
            Object grace = compose.services().get(name).spec().get("stop_grace_period");
            assertThat(grace).as("%s: stop_grace_period", name).isNotNull();
            assertThat(duration(String.valueOf(grace)))
                    .as("%s: stop_grace_period %s against a shutdown phase of %s", name, grace, phase)
                    .isGreaterThan(duration(phase));
        });
    }

    private static final String SHUTDOWN_PHASE = "spring.lifecycle.timeout-per-shutdown-phase";

    private static final String KIT_DEFAULTS =
            "services/service-kit/kit/src/main/resources/META-INF/danvan/kit-defaults.properties";

    /** A compose duration ({@code 1m30s}) or a Spring one in its simple form ({@code 20s}). */
    private static Duration duration(String text) {
        String value = text.strip();
        assertThat(value).as("a duration").matches("(\\d+(ms|h|m|s))+");
        Duration total = Duration.ZERO;
        Matcher part = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
        }
        return total;
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
        // a domain stream is the history statistics rebuilds from: kept for ever, as its owner sets it at start-up
        ComposeChecks.apps(root, compose).forEach((name, config) -> config.property("danvan.events.topic")
                .ifPresent(topic -> {
                    long retentionMs = config.property("danvan.events.retention")
                            .map(days -> Duration.ofDays(Long.parseLong(days.replace("d", "")))
                                    .toMillis())
                            .orElse(-1L);
                    assertThat(command.lines().filter(line -> line.contains(" " + topic + " ")))
                            .as(topic)
                            .containsExactly("create " + topic + " --config retention.ms=" + retentionMs);
                }));
        topics.keySet()
                .forEach(service -> assertThat(compose.services().get(service).dependsOn())
                        .as(service)
                        .containsEntry("kafka-init", "service_completed_successfully"));
    }

    /**
     * The repository's development keyset is public: compose starts feedback-intake under the production profile,
     * which refuses it, and without defaults for its secrets, so that compose itself stops and names the script that
     * makes them (infra/compose-secrets, into .env, which git ignores). Nothing in it allows the development keys.
     */
    @Test
    void startsFeedbackIntakeOnlyWithSecretsOfItsOwn() throws Exception {
        Map<String, String> environment =
                compose.service("feedback-intake").orElseThrow().environment();
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "production");
        for (String secret : List.of("DANVAN_FEEDBACK_IDENTITY_KEYSET", "FEEDBACK_CONTACT_KEY_SECRET")) {
            assertThat(environment.get(secret))
                    .as(secret)
                    .isEqualTo("${" + secret + ":?run infra/compose-secrets first}");
        }
        assertThat(Files.readString(root.resolve("docker-compose.yml")))
                .doesNotContain("ALLOW_DEVELOPMENT_KEYS")
                .doesNotContain("allow-development-keys");
        assertThat(root.resolve("infra/compose-secrets")).isExecutable();
        assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
    }

    /**
     * Every password and secret compose requires (Keycloak's admin, the demo accounts, the CLI client, feedback-intake's
     * keys) is made by infra/compose-secrets, with new random values: the repository's demo values are public, and this
     * stack runs feedback-intake under its production profile, where the inspector reads denouncers' identities.
     */
    @Test
    void composeSecretsMakesEverySecretComposeRequiresWithValuesOfItsOwn() throws Exception {
        Set<String> required = new TreeSet<>();
        Matcher requirement =
                Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(Files.readString(root.resolve("docker-compose.yml")));
        while (requirement.find()) {
            required.add(requirement.group(1));
        }
        assertThat(required)
                .contains(
                        "KEYCLOAK_ADMIN_PASSWORD",
                        "DANVAN_CLI_SECRET",
                        "DANVAN_DEMO_PASSWORD_INSPECTOR",
                        "DANVAN_FEEDBACK_IDENTITY_KEYSET");
        // every account of the realm has its password required
        JsonNode realm = JsonMapper.builder()
                .build()
                .readTree(root.resolve("infra/keycloak/danvan-realm.json").toFile());
        realm.path("users").forEach(user -> assertThat(required)
                .as(user.path("username").asString())
                .contains("DANVAN_DEMO_PASSWORD_"
                        + user.path("username")
                                .asString()
                                .toUpperCase(java.util.Locale.ROOT)
                                .replace('.', '_')));

        Map<String, String> first = composeSecrets();
        Map<String, String> second = composeSecrets();
        assertThat(first.keySet()).containsExactlyInAnyOrderElementsOf(required);
        Set<String> publicValues = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{[A-Z0-9_]+:([^}]*)}")
                .matcher(Files.readString(root.resolve("infra/keycloak/danvan-realm.json")));
        while (placeholder.find()) {
            publicValues.add(placeholder.group(1));
        }
        assertThat(publicValues).contains("demo-inspector", "demo-danvan-cli");
        first.forEach((name, value) -> {
            assertThat(value).as(name).hasSizeGreaterThanOrEqualTo(24).isNotIn(publicValues);
            assertThat(second.get(name)).as(name + ", made again").isNotEqualTo(value);
        });
        assertThat(Set.copyOf(first.values())).as("one value each").hasSameSizeAs(first.values());
    }

    /**
     * Compose itself accepts the file with what infra/compose-secrets prints (as CI validates it), and refuses it,
     * naming the script, when one of them is missing. Where docker-compose is installed.
     */
    @Test
    void composeStartsWithTheScriptsSecretsAndRefusesWithoutOne() throws Exception {
        Assumptions.assumeTrue(onPath("docker-compose"), "docker-compose is not installed");
        Map<String, String> secrets = composeSecrets();
        Path envFile = Files.createTempFile("compose-secrets", ".env");
        try {
            Files.write(
                    envFile,
                    secrets.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList());
            assertThat(dockerComposeConfig(envFile, secrets.keySet())).isEqualTo("");
            Files.write(
                    envFile,
                    secrets.entrySet().stream()
                            .filter(e -> !e.getKey().equals("DANVAN_DEMO_PASSWORD_INSPECTOR"))
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList());
            assertThat(dockerComposeConfig(envFile, secrets.keySet()))
                    .contains("DANVAN_DEMO_PASSWORD_INSPECTOR")
                    .contains("run infra/compose-secrets first");
        } finally {
            Files.delete(envFile);
        }
    }

    /** The output of {@code docker-compose --env-file <file> config -q}: empty when compose accepts the file. */
    private static String dockerComposeConfig(Path envFile, Set<String> notInherited) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "docker-compose",
                        "-f",
                        root.resolve("docker-compose.yml").toString(),
                        "--env-file",
                        envFile.toString(),
                        "config",
                        "-q")
                .redirectErrorStream(true);
        // only the file's values count, not any the test's own environment happens to have
        builder.environment().keySet().removeAll(notInherited);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return exit == 0 ? output.strip() : "exit " + exit + ": " + output;
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** What {@code infra/compose-secrets --print} makes, as an operator runs it: variable to value. */
    private static Map<String, String> composeSecrets() throws Exception {
        Process process = new ProcessBuilder(
                        "bash", root.resolve("infra/compose-secrets").toString(), "--print")
                .redirectErrorStream(true)
                .start();
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(printed).isZero();
        Map<String, String> values = new TreeMap<>();
        printed.lines().forEach(line -> {
            int equals = line.indexOf('=');
            assertThat(equals).as(line).isPositive();
            assertThat(values.put(line.substring(0, equals), line.substring(equals + 1)))
                    .as(line)
                    .isNull();
        });
        return values;
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

    /**
     * Keycloak's realm (compose) and infra/identity (local stack) issue one token contract: the same roles, the same
     * demo accounts with the same units, and mappers that put roles, unit and the audience into access tokens.
     */
    @Test
    void keycloakRealmKeepsTheLocalIdentityProvidersClaimContract() throws Exception {
        ComposeFile.Service keycloak = compose.service("keycloak").orElseThrow();
        assertThat(String.valueOf(keycloak.spec().get("command"))).contains("--import-realm");
        assertThat(String.valueOf(keycloak.spec().get("volumes")))
                .contains("./infra/keycloak:/opt/keycloak/data/import");
        Path realmFile = root.resolve("infra/keycloak/danvan-realm.json");
        JsonNode realm = JsonMapper.builder().build().readTree(realmFile.toFile());
        // Keycloak resolves ${VARIABLE:default} in the realm file from its environment: each must be passed through
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(realmFile));
        while (placeholder.find()) {
            assertThat(keycloak.environment()).as("keycloak environment").containsKey(placeholder.group(1));
        }
        String issuer = keycloak.environment().get("KC_HOSTNAME") + "/realms/"
                + realm.path("realm").asString();
        ComposeChecks.apps(root, compose).keySet().forEach(app -> assertThat(
                        compose.services().get(app).environment())
                .as(app)
                .containsEntry(ComposeChecks.ISSUER, issuer));

        Map<String, String> roles = new TreeMap<>();
        realm.path("roles")
                .path("realm")
                .forEach(role -> roles.put(role.path("name").asString(), ""));
        assertThat(roles.keySet())
                .containsExactlyInAnyOrder(
                        "CITIZEN", "COMMUNE_OFFICER", "PROVINCE_OFFICER", "STEERING_COMMITTEE", "INSPECTOR", "ADMIN");

        Map<String, String> keycloakAccounts = new TreeMap<>();
        realm.path("users").forEach(user -> {
            // Keycloak's sub is the user id: the contract's sub is the username
            assertThat(user.path("id").asString())
                    .isEqualTo(user.path("username").asString());
            List<String> userRoles = new ArrayList<>();
            user.path("realmRoles").forEach(role -> userRoles.add(role.asString()));
            JsonNode unit = user.path("attributes").path("unit");
            keycloakAccounts.put(
                    user.path("username").asString(),
                    userRoles + " " + (unit.isArray() ? unit.get(0).asString() : "-"));
        });
        assertThat(keycloakAccounts).isEqualTo(localIdentityAccounts());

        Map<String, JsonNode> clients = new TreeMap<>();
        realm.path("clients")
                .forEach(client -> clients.put(client.path("clientId").asString(), client));
        assertThat(clients).containsOnlyKeys("danvan-dashboard", "danvan-cli");
        JsonNode dashboard = clients.get("danvan-dashboard");
        assertThat(dashboard.path("publicClient").asBoolean()).isTrue();
        assertThat(dashboard
                        .path("attributes")
                        .path("pkce.code.challenge.method")
                        .asString())
                .isEqualTo("S256");
        List<String> redirects = new ArrayList<>();
        dashboard.path("redirectUris").forEach(uri -> redirects.add(uri.asString()));
        assertThat(redirects)
                .containsExactlyInAnyOrder(localIdentityDefault("danvan.identity.dashboard.redirect-uris")
                        .split(","));
        JsonNode cli = clients.get("danvan-cli");
        assertThat(cli.path("publicClient").asBoolean()).isFalse();
        assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        for (JsonNode client : clients.values()) {
            String name = client.path("clientId").asString();
            // without full scope, only the platform's roles (scope mappings) reach the roles claim
            assertThat(client.path("fullScopeAllowed").asBoolean(true)).as(name).isFalse();
            Map<String, JsonNode> mappers = new TreeMap<>();
            client.path("protocolMappers")
                    .forEach(m -> mappers.put(m.path("protocolMapper").asString(), m.path("config")));
            assertMapper(
                    name,
                    mappers.get("oidc-usermodel-realm-role-mapper"),
                    Map.of("claim.name", "roles", "multivalued", "true", "access.token.claim", "true"));
            assertMapper(
                    name,
                    mappers.get("oidc-usermodel-attribute-mapper"),
                    Map.of("user.attribute", "unit", "claim.name", "unit", "access.token.claim", "true"));
            assertMapper(
                    name,
                    mappers.get("oidc-audience-mapper"),
                    Map.of("included.custom.audience", "danvan-api", "access.token.claim", "true"));
        }
        List<String> scoped = new ArrayList<>();
        realm.path("scopeMappings").forEach(mapping -> {
            scoped.add(mapping.path("client").asString());
            List<String> mapped = new ArrayList<>();
            mapping.path("roles").forEach(role -> mapped.add(role.asString()));
            assertThat(mapped).containsExactlyInAnyOrderElementsOf(roles.keySet());
        });
        assertThat(scoped).containsExactlyInAnyOrderElementsOf(clients.keySet());
    }

    private static void assertMapper(String client, JsonNode config, Map<String, String> expected) {
        assertThat(config == null || config.isMissingNode())
                .as("%s has the mapper for %s", client, expected)
                .isFalse();
        expected.forEach((key, value) -> assertThat(config.path(key).asString())
                .as("%s: %s", client, key)
                .isEqualTo(value));
    }

    /** username -> "[ROLES] unit" of infra/identity's configured demo accounts. */
    private static Map<String, String> localIdentityAccounts() {
        Map<?, ?> yaml =
                (Map<?, ?>) Repository.loadYaml(root.resolve(IDENTITY_CONFIG)).getFirst();
        List<?> accounts = (List<?>) ((Map<?, ?>) ((Map<?, ?>) yaml.get("danvan")).get("identity")).get("accounts");
        Map<String, String> result = new TreeMap<>();
        for (Object node : accounts) {
            Map<?, ?> account = (Map<?, ?>) node;
            Object unit = account.get("unit");
            result.put(
                    String.valueOf(account.get("username")), account.get("roles") + " " + (unit == null ? "-" : unit));
        }
        return result;
    }

    private static String localIdentityDefault(String key) {
        return vn.danvan.platform.AppConfig.read(root, "infra/identity")
                .defaultValue(key)
                .orElseThrow();
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
