package vn.danvan.platform.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.danvan.platform.Repository;

/** A docker-compose file as plain parsed YAML, with the few views the checks need (short and long syntax). */
final class ComposeFile {

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Set<String> declaredVolumes;

    private ComposeFile(Map<?, ?> document) {
        map(document.get("services")).forEach((name, spec) -> {
            services.put(String.valueOf(name), new Service(String.valueOf(name), map(spec)));
        });
        declaredVolumes = new TreeSet<>();
        map(document.get("volumes")).keySet().forEach(v -> declaredVolumes.add(String.valueOf(v)));
    }

    static ComposeFile read(Path file) {
        List<Object> documents = Repository.loadYaml(file);
        if (documents.size() != 1 || !(documents.getFirst() instanceof Map<?, ?> document)) {
            throw new IllegalArgumentException(file + " is not a single YAML mapping");
        }
        return new ComposeFile(document);
    }

    Map<String, Service> services() {
        return services;
    }

    Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    Set<String> declaredVolumes() {
        return declaredVolumes;
    }

    private static Map<?, ?> map(Object node) {
        return node instanceof Map<?, ?> m ? m : Map.of();
    }

    /** Turns "K=V" lists and K: V maps alike into a map; a bare K (passed through from the host) maps to "". */
    private static Map<String, String> keyValues(Object node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int eq = entry.indexOf('=');
                result.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return result;
    }

    record Service(String name, Map<?, ?> spec) {

        String image() {
            Object image = spec.get("image");
            return image == null ? "" : String.valueOf(image);
        }

        boolean isBuilt() {
            return spec.containsKey("build");
        }

        Map<String, String> buildArgs() {
            return keyValues(map(spec.get("build")).get("args"));
        }

        Optional<String> dockerfile() {
            return Optional.ofNullable(map(spec.get("build")).get("dockerfile")).map(String::valueOf);
        }

        Map<String, String> environment() {
            return keyValues(spec.get("environment"));
        }

        /** Service name to its start condition; the short list syntax has no condition (""). */
        Map<String, String> dependsOn() {
            Map<String, String> result = new LinkedHashMap<>();
            Object node = spec.get("depends_on");
            if (node instanceof List<?> list) {
                list.forEach(name -> result.put(String.valueOf(name), ""));
            } else if (node instanceof Map<?, ?> m) {
                m.forEach((name, options) -> {
                    Object condition = map(options).get("condition");
                    result.put(String.valueOf(name), condition == null ? "" : String.valueOf(condition));
                });
            }
            return result;
        }

        /** The health check command as one line, empty when there is none or it is disabled. */
        Optional<String> healthcheck() {
            Map<?, ?> healthcheck = map(spec.get("healthcheck"));
            if (Boolean.TRUE.equals(healthcheck.get("disable"))) {
                return Optional.empty();
            }
            Object test = healthcheck.get("test");
            if (test instanceof List<?> parts) {
                if (parts.isEmpty() || "NONE".equals(String.valueOf(parts.getFirst()))) {
                    return Optional.empty();
                }
                return Optional.of(
                        String.join(" ", parts.stream().map(String::valueOf).toList()));
            }
            return Optional.ofNullable(test).map(String::valueOf);
        }

        /** The host ports this service publishes (fixed ones only: a bare container port gets a random one). */
        List<String> publishedPorts() {
            List<String> published = new ArrayList<>();
            Object node = spec.get("ports");
            if (node instanceof List<?> ports) {
                for (Object port : ports) {
                    if (port instanceof Map<?, ?> longSyntax) {
                        Object value = longSyntax.get("published");
                        if (value != null) {
                            published.add(String.valueOf(value));
                        }
                    } else {
                        String[] parts = String.valueOf(port).split("/")[0].split(":");
                        if (parts.length >= 2) {
                            published.add(parts[parts.length - 2]);
                        }
                    }
                }
            }
            return published;
        }

        /** Mounts as source to target; only named volumes (not host paths) have a plain name as source. */
        Map<String, String> namedVolumes() {
            Map<String, String> mounts = new LinkedHashMap<>();
            Object node = spec.get("volumes");
            if (node instanceof List<?> volumes) {
                for (Object volume : volumes) {
                    String source;
                    String target;
                    if (volume instanceof Map<?, ?> longSyntax) {
                        if (!"volume".equals(String.valueOf(longSyntax.get("type")))) {
                            continue;
                        }
                        source = String.valueOf(longSyntax.get("source"));
                        target = String.valueOf(longSyntax.get("target"));
                    } else {
                        String[] parts = String.valueOf(volume).split(":");
                        if (parts.length < 2) {
                            continue;
                        }
                        source = parts[0];
                        target = parts[1];
                    }
                    if (!source.startsWith(".") && !source.startsWith("/") && !source.startsWith("~")) {
                        mounts.put(source, target);
                    }
                }
            }
            return mounts;
        }
    }
}
