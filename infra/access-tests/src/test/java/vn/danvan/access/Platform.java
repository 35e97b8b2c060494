package vn.danvan.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * The platform as deployed, in small: feedback-intake, statistics and the gateway each in its own JVM from the boot
 * jar the build just made, on the test backends (a real Kafka broker and a MongoDB-compatible store: containers
 * where Docker runs, else embedded), validating the tokens of one identity provider, named by its issuer URL only:
 * the {@link TestIdentityProvider} ({@link #get()}, started once per test JVM) or another ({@link #start}). Stopped
 * with the test JVM at the latest. Logs go to {@code target/access-tests/}.
 */
final class Platform {

    private static final String VERSION = System.getProperty("danvan.version", "0.1.0-SNAPSHOT");
    private static final Duration READY_WITHIN = Duration.ofSeconds(240);

    private static Platform started;

    final TestBackends backends = TestBackends.get();
    private final String issuer;
    private final String label;
    private final boolean withStatistics;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Path root = repositoryRoot();
    private final Path logs = Path.of("target", "access-tests");

    private Platform(String issuer, String label, boolean withStatistics) {
        this.issuer = issuer;
        this.label = label;
        this.withStatistics = withStatistics;
    }

    /** How an app was started, so that it can be started again on the same port. */
    private record Launch(Path jar, int port, Map<String, String> env, List<String> args) {}

    private final Map<String, Launch> launches = new LinkedHashMap<>();

    record App(String name, int port, Process process, Path log) {

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** The platform trusting the {@link TestIdentityProvider}: feedback-intake, statistics, the gateway. */
    static synchronized Platform get() {
        if (started == null) {
            started = start(TestIdentityProvider.shared().issuer(), "access", true);
        }
        return started;
    }

    /**
     * Another platform, trusting another identity provider by its issuer URL alone (as a deployment switches):
     * feedback-intake and the gateway, with stores of their own ({@code danvan_<label>_...}) and feedback-intake's
     * stream on a topic of its own ({@code danvan.<label>.feedback.v1}), logs prefixed with the label; statistics
     * too when asked.
     */
    static Platform start(String issuer, String label, boolean withStatistics) {
        Platform platform = new Platform(issuer, label, withStatistics);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop));
        platform.start();
        return platform;
    }

    String feedback() {
        return apps.get("feedback-intake").url();
    }

    String statistics() {
        return apps.get("statistics").url();
    }

    String gateway() {
        return apps.get("gateway").url();
    }

    /** What ran, for the test output: the backends and the apps. */
    String describe() {
        return backends.describe() + "; apps from boot jars: " + String.join(", ", apps.keySet());
    }

    private void start() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int feedbackPort = freePort();
        launchService("feedback-intake", feedbackPort, "danvan_" + label + "_feedback");
        // the services not started (those without endpoints yet, statistics when not asked for) get a closed port
        int closed = freePort();
        int statisticsPort = withStatistics ? freePort() : closed;
        if (withStatistics) {
            launchService("statistics", statisticsPort, "danvan_" + label + "_statistics");
        }
        Map<String, String> gatewayEnv = new LinkedHashMap<>();
        gatewayEnv.put("FEEDBACK_INTAKE_URL", "http://127.0.0.1:" + feedbackPort);
        gatewayEnv.put("STATISTICS_URL", "http://127.0.0.1:" + statisticsPort);
        gatewayEnv.put("MODEL_REGISTRY_URL", "http://127.0.0.1:" + closed);
        gatewayEnv.put("DIALOGUE_SCHEDULER_URL", "http://127.0.0.1:" + closed);
        gatewayEnv.put("DANVAN_ISSUER_URI", issuer);
        // the matrix sends a few thousand requests from one address; the limits themselves are tested in gateway/
        gatewayEnv.put("DANVAN_GATEWAY_RATE_LIMIT_ENABLED", "false");
        // a stopped service is tried again soon after (ServiceDownTest); 10 s in production
        gatewayEnv.put("DANVAN_BREAKER_OPEN_WAIT", "3s");
        launch(
                "gateway",
                root.resolve("gateway/target/gateway-" + VERSION + "-exec.jar"),
                freePort(),
                gatewayEnv,
                List.of("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer));
        Instant deadline = Instant.now().plus(READY_WITHIN);
        for (App app : apps.values()) {
            awaitReady(app, deadline);
        }
    }

    private void launchService(String name, int port, String database) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + backends.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + backends.mongoUri(database),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer));
        if (name.equals("feedback-intake")) {
            // a test run: the repository's public development keyset and a per-process contact key will do, and
            // the service refuses them unless told so (docs/identity.md)
            args.add("--danvan.feedback.allow-development-keys=true");
        }
        if (!label.equals("access") && name.equals("feedback-intake")) {
            // the broker is shared with the access platform: a stream of its own keeps each platform's events apart
            String topic = "danvan." + label + ".feedback.v1";
            args.add("--danvan.events.topic=" + topic);
            args.add("--spring.cloud.stream.bindings.consultationTallies-in-0.destination=" + topic);
        }
        launch(name, service(name), port, Map.of(), args);
    }

    private Path service(String name) {
        return root.resolve(
                "services/" + name + "/" + name + "-service/target/" + name + "-service-" + VERSION + "-exec.jar");
    }

    /** Kills an app the hard way, as a crash or a lost machine would. */
    synchronized void kill(String name) throws InterruptedException {
        Process process = apps.get(name).process();
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts a killed app again, same port, same store, and waits until it is ready. */
    synchronized void restart(String name) {
        Launch launch = launches.get(name);
        launch(name, launch.jar(), launch.port(), launch.env(), launch.args());
        awaitReady(apps.get(name), Instant.now().plus(READY_WITHIN));
    }

    private void launch(String name, Path jar, int port, Map<String, String> env, List<String> args) {
        launches.put(name, new Launch(jar, port, env, args));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build the apps first (./mvnw verify builds them" + " before this module)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Ddanvan.component=" + name,
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.application.name=" + name));
        command.addAll(args);
        Path log = logs.resolve((label.equals("access") ? "" : label + "-") + name
                + (apps.containsKey(name) ? "-restarted" : "") + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            apps.put(name, new App(name, port, builder.start(), log));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private static void awaitReady(App app, Instant deadline) {
        awaitReady(
                app.name(),
                app.process(),
                app.log(),
                URI.create(app.url() + "/actuator/health/readiness"),
                deadline,
                READY_WITHIN);
    }

    /** Polls a process's readiness probe until it answers 200; fails with the log's tail if it exits or is late. */
    static void awaitReady(String name, Process process, Path log, URI probeUri, Instant deadline, Duration within) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe =
                HttpRequest.newBuilder(probeUri).timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before it was ready; its log:\n" + tail(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + within + "; its log:\n" + tail(log));
    }

    void stop() {
        apps.values().forEach(app -> app.process().destroy());
        for (App app : apps.values()) {
            try {
                if (!app.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    app.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                app.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "not inside the repository: no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
