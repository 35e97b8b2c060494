package vn.danvan.platform.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.danvan.platform.AppConfig;
import vn.danvan.platform.Repository;

/**
 * Consistency of a compose file with the apps it runs. Each app (a service built with a MODULE build
 * arg) is matched with the application*.yml of that module, so the file cannot drift from what the
 * apps actually read. Returns readable violations instead of failing on the first, so one run shows
 * everything that is wrong.
 */
final class ComposeChecks {

    /** Read by the JVM itself rather than by Spring, so no application.yml mentions them. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    /** Read by Spring Boot itself before any application*.yml. */
    private static final Set<String> SPRING_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE");

    /**
     * The token issuer every app trusts and where its keys are (docs/identity.md). Set for every app alike, read by
     * the apps' shared resource-server settings, so not every module's application.yml names them.
     */
    static final String ISSUER = "DANVAN_ISSUER_URI";

    static final String JWK_SET = "DANVAN_JWK_SET_URI";
    private static final Set<String> IDENTITY_VARIABLES = Set.of(ISSUER, JWK_SET);
    private static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:";

    /** Words of a variable's name that make it a password or secret (split at underscores). */
    private static final Set<String> SECRET_WORDS =
            Set.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "KEYSET", "CREDENTIAL", "CREDENTIALS");

    /** ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message}, ${NAME:+other}. */
    private static final Pattern INTERPOLATION =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}");

    /** How a secret must be written: required from the environment, where infra/compose-secrets puts it. */
    static final String REQUIRED = ":?run infra/compose-secrets first";

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]", "0.0.0.0");
    private static final String READINESS = "/actuator/health/readiness";

    private final ComposeFile compose;
    private final List<String> services;
    private final Map<String, AppConfig> apps = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();

    private ComposeChecks(Path root, ComposeFile compose) {
        this.compose = compose;
        this.services = Repository.serviceModules(root);
        compose.services().values().stream()
                .filter(ComposeFile.Service::isBuilt)
                .forEach(service -> {
                    String module = service.buildArgs().get("MODULE");
                    if (module == null || module.isBlank()) {
                        violations.add(service.name() + ": built from the repository without a MODULE build arg");
                    } else if (!Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
                        violations.add(
                                service.name() + ": MODULE " + module + " is not a Maven module of the repository");
                    } else {
                        apps.put(service.name(), AppConfig.read(root, module));
                    }
                });
    }

    /** The apps of the compose file: service name to the module's configuration. */
    static Map<String, AppConfig> apps(Path root, ComposeFile compose) {
        return new ComposeChecks(root, compose).apps;
    }

    static List<String> violations(Path root, ComposeFile compose) {
        ComposeChecks checks = new ComposeChecks(root, compose);
        checks.apps.forEach((name, config) -> {
            ComposeFile.Service app = compose.services().get(name);
            checks.environmentIsRead(app, config);
            checks.containerSafeDefaults(app, config);
            checks.databases(app, config);
            checks.kafkaBootstrap(app, config);
            checks.httpTargets(app, config);
            checks.startOrder(app);
            checks.readinessProbe(app, config);
            checks.imagePort(app, config);
            checks.servicesPublishNoHostPort(app, config);
            checks.identity(app);
        });
        checks.secretsAreRequiredFromTheEnvironment();
        checks.eachMongoServesOneApp();
        checks.healthyConditionsHaveHealthchecks();
        checks.hostPortsAreDistinct();
        checks.volumesAreDeclaredAndUnshared();
        return checks.violations;
    }

    private void environmentIsRead(ComposeFile.Service app, AppConfig config) {
        app.environment().keySet().stream()
                .filter(name -> !config.reads(name)
                        && !JVM_VARIABLES.contains(name)
                        && !SPRING_VARIABLES.contains(name)
                        && !IDENTITY_VARIABLES.contains(name))
                .forEach(name -> violations.add(app.name() + ": environment variable " + name + " is not read by "
                        + config.module() + " (no ${" + name + "} placeholder and no property "
                        + name.toLowerCase(Locale.ROOT).replace('_', '.') + " in its application*.yml)"));
    }

    /** A default that points at the loopback address points at the container itself. */
    private void containerSafeDefaults(ComposeFile.Service app, AppConfig config) {
        config.placeholders().forEach((name, fallback) -> {
            boolean loopback = endpoints(fallback).stream().anyMatch(e -> LOOPBACK.contains(e.host()));
            if (loopback && !app.environment().containsKey(name)) {
                violations.add(app.name() + ": " + name + " is not set, so the app falls back to " + fallback
                        + ", which inside a container is the container itself");
            }
        });
        config.property("server.port").ifPresent(port -> config.placeholders().keySet().stream()
                .filter(name -> port.contains("${" + name))
                .filter(name -> !app.environment().containsKey(name))
                .forEach(name -> violations.add(app.name() + ": " + name
                        + " is not set: the image's default port (8080) would apply, not " + port)));
    }

    private void databases(ComposeFile.Service app, AppConfig config) {
        for (String variable : config.placeholdersOfKeysEndingWith("mongodb.uri")) {
            String uri = app.environment().get(variable);
            if (uri == null) {
                continue;
            }
            for (Endpoint endpoint : endpoints(uri)) {
                Optional<ComposeFile.Service> target = compose.service(endpoint.host());
                if (target.isEmpty() || !target.get().image().startsWith("mongo:")) {
                    violations.add(app.name() + ": " + variable + " points at " + endpoint.host()
                            + ", which is not a mongo service of this file");
                }
            }
            String expected = database(config.placeholders().get(variable));
            String actual = database(uri);
            if (!expected.equals(actual)) {
                violations.add(app.name() + ": " + variable + " selects database '" + actual + "' but "
                        + config.module() + " defaults to '" + expected + "'");
            }
        }
    }

    /**
     * A password or secret (by its name, or by the name of the variable it is read from) is never written in the file,
     * not even as a default: a default is public on GitHub and used by every stack started without its variable. It
     * is required from the environment instead ({@code ${NAME:?...}}), so compose refuses to start without it.
     */
    private void secretsAreRequiredFromTheEnvironment() {
        compose.services().values().forEach(service -> service.environment().forEach((name, value) -> {
            boolean secretName = isSecret(name);
            Matcher interpolation = INTERPOLATION.matcher(value);
            boolean interpolated = false;
            while (interpolation.find()) {
                interpolated = true;
                String variable = interpolation.group(1);
                String operator = interpolation.group(2);
                if (!secretName && !isSecret(variable)) {
                    continue;
                }
                String required = "${" + variable + REQUIRED + "}";
                if (operator == null) {
                    violations.add(service.name() + ": " + name + " may be empty (" + interpolation.group()
                            + "); require it: " + required);
                } else if (!operator.endsWith("?")) {
                    violations.add(service.name() + ": " + name + " falls back to a value written in the file ("
                            + interpolation.group() + "); require it: " + required);
                }
            }
            if (secretName && !interpolated) {
                violations.add(service.name() + ": " + name + " is written in the file; a password or secret comes"
                        + " from the environment: ${" + name + REQUIRED + "}");
            }
        }));
    }

    static boolean isSecret(String variable) {
        for (String word : variable.toUpperCase(Locale.ROOT).split("_")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private void eachMongoServesOneApp() {
        Map<String, Set<String>> appsPerMongo = new TreeMap<>();
        compose.services().values().stream()
                .filter(s -> s.image().startsWith("mongo:"))
                .forEach(mongo -> appsPerMongo.put(mongo.name(), new TreeSet<>()));
        apps.keySet().forEach(name -> referencedServices(compose.services().get(name)).stream()
                .filter(s -> compose.services().get(s).image().startsWith("mongo:"))
                .forEach(mongo -> appsPerMongo
                        .computeIfAbsent(mongo, k -> new TreeSet<>())
                        .add(name)));
        appsPerMongo.forEach((mongo, users) -> {
            if (users.isEmpty()) {
                violations.add(mongo + ": a MongoDB no app uses");
            } else if (users.size() > 1) {
                violations.add(mongo + ": one MongoDB shared by " + users + "; each service owns its own");
            }
            if (!compose.services().get(mongo).namedVolumes().containsValue("/data/db")) {
                violations.add(mongo + ": /data/db is not on a named volume, so its data dies with the container");
            }
        });
    }

    private void kafkaBootstrap(ComposeFile.Service app, AppConfig config) {
        for (String variable : config.placeholdersOfKeysEndingWith("bootstrap-servers", "binder.brokers")) {
            String servers = app.environment().get(variable);
            if (servers == null) {
                continue;
            }
            for (Endpoint endpoint : endpoints(servers)) {
                Optional<ComposeFile.Service> broker = compose.service(endpoint.host());
                if (broker.isEmpty() || !broker.get().image().startsWith("apache/kafka:")) {
                    violations.add(app.name() + ": " + variable + " points at " + endpoint.host()
                            + ", which is not the Kafka broker of this file");
                } else if (!advertised(broker.get()).contains(endpoint)) {
                    violations.add(app.name() + ": " + variable + " uses " + endpoint.host() + ":" + endpoint.port()
                            + ", which the broker does not advertise (KAFKA_ADVERTISED_LISTENERS: "
                            + broker.get().environment().get("KAFKA_ADVERTISED_LISTENERS") + ")");
                }
            }
        }
    }

    private static List<Endpoint> advertised(ComposeFile.Service broker) {
        String listeners = broker.environment().getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        List<Endpoint> endpoints = new ArrayList<>();
        for (String listener : listeners.split(",")) {
            endpoints.addAll(endpoints(listener.trim()));
        }
        return endpoints;
    }

    /** An HTTP URL to another app must use that app's port. */
    private void httpTargets(ComposeFile.Service app, AppConfig config) {
        app.environment().forEach((variable, value) -> {
            if (!value.startsWith("http://") && !value.startsWith("https://")) {
                return;
            }
            // with the keys fetched elsewhere, the issuer is a name compared with each token's iss, never dialed
            boolean dialed = !(variable.equals(ISSUER) && app.environment().containsKey(JWK_SET));
            for (Endpoint endpoint : endpoints(value)) {
                if (dialed && LOOPBACK.contains(endpoint.host())) {
                    violations.add(app.name() + ": " + variable + " points at " + value
                            + ", which inside a container is the container itself");
                }
                ComposeFile.Service target = compose.services().get(endpoint.host());
                if (target != null && apps.containsKey(target.name())) {
                    String port =
                            endpoint.port().isEmpty() ? (value.startsWith("https") ? "443" : "80") : endpoint.port();
                    String listening = port(target, apps.get(target.name()));
                    if (!port.equals(listening)) {
                        violations.add(app.name() + ": " + variable + " uses port " + port + " but " + target.name()
                                + " listens on " + listening);
                    }
                }
            }
        });
    }

    /** Everything an app talks to must be healthy before it starts. */
    private void startOrder(ComposeFile.Service app) {
        Map<String, String> dependsOn = app.dependsOn();
        for (String needed : referencedServices(app)) {
            String condition = dependsOn.get(needed);
            if (!"service_healthy".equals(condition)) {
                violations.add(app.name() + ": uses " + needed + " but "
                        + (condition == null
                                ? "does not depend on it"
                                : "its depends_on condition is '" + condition + "'")
                        + " (expected condition: service_healthy)");
            }
        }
        dependsOn.keySet().stream()
                .filter(name -> !compose.services().containsKey(name))
                .forEach(name -> violations.add(app.name() + ": depends on " + name + ", which is not in this file"));
    }

    /**
     * With Keycloak in the file, every app trusts exactly its realm's issuer (the URL the tokens carry, as KC_HOSTNAME
     * fixes it) and fetches the realm's keys from the Keycloak service over the compose network.
     */
    private void identity(ComposeFile.Service app) {
        Optional<ComposeFile.Service> keycloak = compose.services().values().stream()
                .filter(service -> service.image().startsWith(KEYCLOAK_IMAGE))
                .findFirst();
        if (keycloak.isEmpty()) {
            return;
        }
        String hostname = keycloak.get().environment().getOrDefault("KC_HOSTNAME", "");
        String issuer = app.environment().get(ISSUER);
        String keys = app.environment().get(JWK_SET);
        if (issuer == null || keys == null) {
            violations.add(app.name() + ": " + ISSUER + " and " + JWK_SET + " must both be set ("
                    + keycloak.get().name()
                    + " issues the tokens; an unset issuer means the local stack's http://127.0.0.1:9000)");
            return;
        }
        if (hostname.isBlank() || !issuer.startsWith(stripSlash(hostname) + "/realms/")) {
            violations.add(app.name() + ": " + ISSUER + " " + issuer + " is not a realm of "
                    + keycloak.get().name() + " as its tokens name it (KC_HOSTNAME: " + hostname + ")");
            return;
        }
        String realmPath = issuer.substring(stripSlash(hostname).length());
        String expectedKeys =
                "http://" + keycloak.get().name() + ":8080" + realmPath + "/protocol/openid-connect/certs";
        if (!keys.equals(expectedKeys)) {
            violations.add(app.name() + ": " + JWK_SET + " is " + keys + ", expected " + expectedKeys
                    + " (the issuer's keys, over the compose network)");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private void readinessProbe(ComposeFile.Service app, AppConfig config) {
        Optional<String> healthcheck = app.healthcheck();
        String port = port(app, config);
        if (healthcheck.isEmpty()) {
            violations.add(app.name() + ": no healthcheck (expected a probe of " + READINESS + ")");
        } else if (!healthcheck.get().contains(":" + port + READINESS)) {
            violations.add(
                    app.name() + ": healthcheck '" + healthcheck.get() + "' does not probe port " + port + READINESS);
        }
    }

    /** The image's port (the PORT build arg: its default PORT and what it exposes) is the one the app listens on. */
    private void imagePort(ComposeFile.Service app, AppConfig config) {
        String built = app.buildArgs().get("PORT");
        String listening = port(app, config);
        if (built != null && !built.equals(listening)) {
            violations.add(app.name() + ": build arg PORT " + built + " makes the image expose a port the app does not"
                    + " listen on (" + listening + ")");
        }
    }

    /**
     * A service (not the gateway, the platform's one public door) publishes no fixed host port: a second replica
     * ({@code --scale}, ADR 0007) would clash on it. The gateway reaches it over the compose network.
     */
    private void servicesPublishNoHostPort(ComposeFile.Service app, AppConfig config) {
        if (!services.contains(config.module())) {
            return;
        }
        app.publishedPorts()
                .forEach(port -> violations.add(app.name() + ": publishes host port " + port + ", so it cannot scale"
                        + " (a second replica, --scale " + app.name() + "=2, would clash on it); expose the port to"
                        + " the compose network instead"));
    }

    private void healthyConditionsHaveHealthchecks() {
        compose.services().values().forEach(service -> service.dependsOn().forEach((name, condition) -> {
            ComposeFile.Service target = compose.services().get(name);
            if ("service_healthy".equals(condition)
                    && target != null
                    && target.healthcheck().isEmpty()) {
                violations.add(
                        service.name() + ": waits for " + name + " to be healthy, but " + name + " has no healthcheck");
            }
        }));
    }

    private void hostPortsAreDistinct() {
        Map<String, List<String>> servicesPerPort = new TreeMap<>();
        compose.services().values().forEach(service -> service.publishedPorts().forEach(port -> servicesPerPort
                .computeIfAbsent(port, p -> new ArrayList<>())
                .add(service.name())));
        servicesPerPort.forEach((port, services) -> {
            if (services.size() > 1) {
                violations.add("host port " + port + " is published by " + services);
            }
        });
    }

    private void volumesAreDeclaredAndUnshared() {
        Map<String, List<String>> servicesPerVolume = new TreeMap<>();
        compose.services()
                .values()
                .forEach(service -> service.namedVolumes().keySet().forEach(volume -> servicesPerVolume
                        .computeIfAbsent(volume, v -> new ArrayList<>())
                        .add(service.name())));
        servicesPerVolume.forEach((volume, services) -> {
            if (services.size() > 1) {
                violations.add("volume " + volume + " is mounted by " + services + "; each store keeps its own");
            }
            if (!compose.declaredVolumes().contains(volume)) {
                violations.add("volume " + volume + " (used by " + services + ") is not declared under volumes:");
            }
        });
    }

    /** The port an app listens on in its container: the value it gets for the placeholder of server.port. */
    private static String port(ComposeFile.Service app, AppConfig config) {
        String fallback = config.defaultValue("server.port").orElse("8080");
        return config.property("server.port")
                .flatMap(raw -> config.placeholders().keySet().stream()
                        .filter(name -> raw.contains("${" + name))
                        .map(app.environment()::get)
                        .filter(value -> value != null && !value.isBlank())
                        .findFirst())
                .orElse(fallback);
    }

    /** The other services of this file that an app's environment names as hosts. */
    private Set<String> referencedServices(ComposeFile.Service app) {
        Set<String> referenced = new TreeSet<>();
        app.environment().values().forEach(value -> endpoints(value).stream()
                .map(Endpoint::host)
                .filter(host -> compose.services().containsKey(host) && !host.equals(app.name()))
                .forEach(referenced::add));
        return referenced;
    }

    record Endpoint(String host, String port) {}

    /**
     * The hosts in a connection string: scheme://[user@]host[:port][,host[:port]...][/path][?query], or a bare
     * host:port list. A value with spaces is no connection string.
     */
    static List<Endpoint> endpoints(String value) {
        String rest = value.trim();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        for (char end : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(end);
            if (at >= 0) {
                rest = rest.substring(0, at);
            }
        }
        rest = rest.substring(rest.lastIndexOf('@') + 1);
        if (rest.isEmpty() || rest.contains(" ")) {
            return List.of();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String part : rest.split(",")) {
            int colon = part.lastIndexOf(':');
            endpoints.add(
                    colon < 0
                            ? new Endpoint(part, "")
                            : new Endpoint(part.substring(0, colon), part.substring(colon + 1)));
        }
        return endpoints;
    }

    /** The database named in a MongoDB connection string, "" when it names none. */
    static String database(String uri) {
        if (uri == null) {
            return "";
        }
        int scheme = uri.indexOf("://");
        String rest = scheme < 0 ? uri : uri.substring(scheme + 3);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String path = rest.substring(slash + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
