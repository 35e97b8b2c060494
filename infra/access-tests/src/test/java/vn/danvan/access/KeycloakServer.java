package vn.danvan.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * docker-compose's identity provider without Docker: Keycloak's own distribution (unpacked by this module's build
 * from Maven Central, {@code danvan.keycloak.home}), started as compose starts it ({@code start-dev --import-realm},
 * the realm file of {@code infra/keycloak}) on free loopback ports, with a fresh database each time so that the
 * realm is imported from the file as it is now. Logs go to {@code target/access-tests/keycloak.log}.
 */
final class KeycloakServer implements AutoCloseable {

    static final String VERSION = System.getProperty("danvan.keycloak.version", "(unknown)");
    private static final Duration READY_WITHIN = Duration.ofSeconds(240);

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final String realm;

    private KeycloakServer(Process process, int port, int managementPort, Path log, String realm) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.realm = realm;
    }

    /** Starts Keycloak with the realm file imported; returns at once ({@link #awaitReady()} waits). */
    static KeycloakServer launch(Path realmFile, String realm) {
        String home = System.getProperty("danvan.keycloak.home");
        if (home == null || !Files.isRegularFile(Path.of(home, "bin", "kc.sh"))) {
            throw new IllegalStateException("Keycloak's distribution is not unpacked at " + home
                    + ": run this test through Maven (./mvnw verify), whose build unpacks it into target/keycloak");
        }
        Path dist = Path.of(home);
        try {
            // a database left by an earlier run would keep the realm as it was then (import ignores existing realms)
            deleteRecursively(dist.resolve("data"));
            Path imports = Files.createDirectories(dist.resolve("data/import"));
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()));
            Path log =
                    Files.createDirectories(Path.of("target", "access-tests")).resolve("keycloak.log");
            int port = Platform.freePort();
            int managementPort = Platform.freePort();
            ProcessBuilder builder = new ProcessBuilder(
                            "bash",
                            dist.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--import-realm",
                            "--http-host=127.0.0.1",
                            "--http-port=" + port,
                            "--http-management-port=" + managementPort,
                            "--hostname=http://localhost:" + port,
                            "--health-enabled=true")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // the JDK running the tests (>= 21, as Keycloak needs); a bounded heap, as the apps beside it have
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // Keycloak's thread pool resets thread locals, which Java 24 and later allow only with java.lang open
            builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
            return new KeycloakServer(builder.start(), port, managementPort, log, realm);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak from " + dist, e);
        }
    }

    /** Every token's {@code iss}, as compose's {@code KC_HOSTNAME} makes it: a fixed host name, not 127.0.0.1. */
    String issuer() {
        return "http://localhost:" + port + "/realms/" + realm;
    }

    String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    String authorizationEndpoint() {
        return issuer() + "/protocol/openid-connect/auth";
    }

    void awaitReady() {
        Platform.awaitReady(
                "Keycloak",
                process,
                log,
                URI.create("http://127.0.0.1:" + managementPort + "/health/ready"),
                Instant.now().plus(READY_WITHIN),
                READY_WITHIN);
    }

    @Override
    public void close() {
        // kc.sh runs Keycloak's JVM as its child
        List<ProcessHandle> jvms = process.descendants().toList();
        jvms.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle jvm : jvms) {
                jvm.onExit().get(20, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            jvms.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
