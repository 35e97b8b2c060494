package vn.danvan.platform.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.danvan.platform.Repository;

/**
 * infra/docker/Dockerfile copies the whole build context (the repository root) into its build stage: whatever
 * .dockerignore lets through ends up in a layer and the build cache. The compose stack's secrets (the keyset sealing
 * denouncers' identities, the passwords infra/compose-secrets writes) must never be among it, nor build output.
 */
class BuildContextTest {

    private static final Pattern WRITTEN_FILE = Pattern.compile("(?:>>?|\\btouch)\\s+([\\w./-]+)");

    private final Path root = Repository.root();

    @Test
    void theSecretsComposeSecretsWritesStayOutOfTheImages() throws IOException {
        Set<String> written = new LinkedHashSet<>();
        for (String line : Files.readAllLines(root.resolve("infra/compose-secrets"))) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            Matcher m = WRITTEN_FILE.matcher(line);
            while (m.find()) {
                if (!m.group(1).startsWith("/dev/")) {
                    written.add(m.group(1));
                }
            }
        }
        assertThat(written).as("files infra/compose-secrets writes").contains(".env");

        List<String> ignored = ignorePatterns();
        for (String file : written) {
            assertThat(excluded(ignored, file)).as(file).isTrue();
        }
        // a copy of it somewhere else in the tree, and what builds and local runs leave behind
        for (String file : List.of(
                "infra/.env",
                ".env.bak",
                ".local/feedback-intake/store.mv.db",
                "target/x",
                "gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar",
                "services/statistics/statistics-service/target/classes/application.yml")) {
            assertThat(excluded(ignored, file)).as(file).isTrue();
        }
        // and what the build needs is still sent
        for (String file : List.of(
                "pom.xml",
                "mvnw",
                ".mvn/wrapper/maven-wrapper.properties",
                "gateway/src/main/resources/application.yml")) {
            assertThat(excluded(ignored, file)).as(file).isFalse();
        }
    }

    private List<String> ignorePatterns() throws IOException {
        List<String> patterns = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve(".dockerignore"))) {
            String pattern = line.strip();
            if (!pattern.isEmpty() && !pattern.startsWith("#")) {
                patterns.add(pattern);
            }
        }
        return patterns;
    }

    /**
     * As Docker reads .dockerignore: paths relative to the context root, a pattern that matches a directory leaves
     * out all under it, {@code **} any number of directories (none too), the last matching line wins and {@code !}
     * takes a path back in.
     */
    static boolean excluded(List<String> patterns, String file) {
        boolean excluded = false;
        for (String line : patterns) {
            boolean include = line.startsWith("!");
            String pattern = (include ? line.substring(1) : line).replaceFirst("^/", "");
            if (matches(pattern, file)) {
                excluded = !include;
            }
        }
        return excluded;
    }

    private static boolean matches(String pattern, String file) {
        List<String> globs = new ArrayList<>(List.of(pattern));
        if (pattern.startsWith("**/")) {
            globs.add(pattern.substring(3));
        }
        for (String glob : globs) {
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            // the file itself or any directory above it
            for (Path p = Path.of(file); p != null; p = p.getParent()) {
                if (matcher.matches(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
