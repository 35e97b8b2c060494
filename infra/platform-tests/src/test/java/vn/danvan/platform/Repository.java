package vn.danvan.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository these checks read: found from the working directory, so any module can run them. */
public final class Repository {

    private Repository() {}

    /** The nearest directory at or above the working directory that holds docker-compose.yml and mvnw. */
    public static Path root() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with docker-compose.yml and mvnw at or above " + start);
    }

    /** The deployable services' modules, relative to the root: services/<svc>/<svc>-service. */
    public static List<String> serviceModules(Path root) {
        List<String> modules = new ArrayList<>();
        try (Stream<Path> services = Files.list(root.resolve("services"))) {
            for (Path service : services.sorted().toList()) {
                Path module = service.resolve(service.getFileName() + "-service");
                if (Files.isRegularFile(module.resolve("pom.xml"))) {
                    modules.add(root.relativize(module).toString().replace('\\', '/'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modules;
    }

    /** Every Spring Boot app that ships as a container: the services and the gateway. */
    public static List<String> appModules(Path root) {
        List<String> modules = new ArrayList<>(serviceModules(root));
        modules.add("gateway");
        return modules;
    }

    /** Parses every YAML document in the file (SafeConstructor: plain data only, merge keys resolved). */
    public static List<Object> loadYaml(Path file) {
        try {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            List<Object> documents = new ArrayList<>();
            yaml.loadAll(Files.readString(file)).forEach(documents::add);
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
