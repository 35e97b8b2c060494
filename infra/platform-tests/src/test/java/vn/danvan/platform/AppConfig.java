package vn.danvan.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one app reads from its environment, as declared in its src/main/resources/application*.yml:
 * the flattened property keys and the ${NAME:default} placeholders in their values.
 */
public final class AppConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final Pattern LIST_INDEX = Pattern.compile("\\[(\\d+)]");

    private final String module;
    private final Map<String, String> properties;
    private final Set<String> kitKeys;

    private AppConfig(String module, Map<String, String> properties, Set<String> kitKeys) {
        this.module = module;
        this.properties = properties;
        this.kitKeys = kitKeys;
    }

    /** The settings the service kit gives every service, which its application*.yml need not repeat. */
    static final String KIT_DEFAULTS =
            "services/service-kit/kit/src/main/resources/META-INF/danvan/kit-defaults.properties";

    /**
     * Reads the application*.yml (and .yaml) files of the module at root/module; for a service (a module under
     * services/, built on the kit) the keys of the kit's defaults are read too, as properties its environment may set.
     */
    public static AppConfig read(Path root, String module) {
        Path resources = root.resolve(module).resolve("src/main/resources");
        Map<String, String> properties = new LinkedHashMap<>();
        Set<String> kitKeys = new TreeSet<>();
        if (module.startsWith("services/") && !module.startsWith("services/service-kit")) {
            Properties kit = new Properties();
            try (var in = Files.newInputStream(root.resolve(KIT_DEFAULTS))) {
                kit.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            kitKeys.addAll(kit.stringPropertyNames());
        }
        if (Files.isDirectory(resources)) {
            try (Stream<Path> files = Files.list(resources)) {
                List<Path> configs = files.filter(f -> {
                            String name = f.getFileName().toString();
                            return name.startsWith("application") && (name.endsWith(".yml") || name.endsWith(".yaml"));
                        })
                        .sorted()
                        .toList();
                for (Path config : configs) {
                    for (Object document : Repository.loadYaml(config)) {
                        flatten("", document, properties);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new AppConfig(module, properties, kitKeys);
    }

    private static void flatten(String prefix, Object node, Map<String, String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, into));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix, node == null ? "" : String.valueOf(node));
        }
    }

    public String module() {
        return module;
    }

    /** The raw value of a property, placeholders unresolved. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** The value the app uses when its environment sets nothing: every placeholder replaced by its default. */
    public Optional<String> defaultValue(String key) {
        return property(key).map(value -> PLACEHOLDER.matcher(value).replaceAll(m -> {
            String fallback = m.group(2);
            return Matcher.quoteReplacement(fallback == null ? "" : fallback);
        }));
    }

    /** Every placeholder name with its default (empty when it has none). */
    public Map<String, String> placeholders() {
        Map<String, String> placeholders = new LinkedHashMap<>();
        properties.values().forEach(value -> {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                placeholders.putIfAbsent(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        });
        return placeholders;
    }

    /** The placeholder names used in the values of properties whose key ends with one of the suffixes. */
    public Set<String> placeholdersOfKeysEndingWith(String... suffixes) {
        Set<String> names = new TreeSet<>();
        properties.forEach((key, value) -> {
            for (String suffix : suffixes) {
                if (key.endsWith(suffix)) {
                    Matcher m = PLACEHOLDER.matcher(value);
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        });
        return names;
    }

    /**
     * Whether an environment variable reaches this app: it is one of its placeholders, or, by Spring's
     * relaxed binding, it names one of its properties (upper case, '.' as '_', dashes dropped, list
     * indexes as _N_).
     */
    public boolean reads(String environmentVariable) {
        if (placeholders().containsKey(environmentVariable)) {
            return true;
        }
        String relaxed = environmentVariable.toLowerCase(Locale.ROOT).replace('_', '.');
        return Stream.concat(properties.keySet().stream(), kitKeys.stream())
                .map(AppConfig::canonical)
                .anyMatch(relaxed::equals);
    }

    private static String canonical(String key) {
        return LIST_INDEX.matcher(key.toLowerCase(Locale.ROOT).replace("-", "")).replaceAll(".$1");
    }
}
