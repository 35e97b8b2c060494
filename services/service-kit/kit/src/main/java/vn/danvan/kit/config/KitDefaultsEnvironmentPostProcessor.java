package vn.danvan.kit.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the kit's defaults ({@value #DEFAULTS_LOCATION}) as the lowest-precedence property source, so
 * every service starts with the same actuator, tracing, logging and HTTP settings and can still
 * override any of them in its own configuration.
 *
 * <p>Runs after config data has been loaded (lowest order), so {@code danvan.logging.json} set in a
 * service's application.yml or the environment is seen before the logging system starts.
 */
public class KitDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** Name of the property source holding the kit's defaults. */
    public static final String DEFAULTS_SOURCE = "danvanKitDefaults";

    /** Name of the property source holding settings derived from kit switches. */
    public static final String DERIVED_SOURCE = "danvanKitDerived";

    static final String DEFAULTS_LOCATION = "META-INF/danvan/kit-defaults.properties";

    static final String JSON_LOGGING_SWITCH = "danvan.logging.json";

    static final String CONSOLE_FORMAT = "logging.structured.format.console";

    static final String JWK_SET_URI_SWITCH = "DANVAN_JWK_SET_URI";

    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        // Spring Cloud starts child contexts with their own environments; add the defaults once each.
        if (!sources.contains(DEFAULTS_SOURCE)) {
            sources.addLast(loadDefaults(application));
        }
        if (!sources.contains(DERIVED_SOURCE)) {
            Map<String, Object> derived = new HashMap<>();
            if (environment.getProperty(JSON_LOGGING_SWITCH, Boolean.class, false)
                    && !environment.containsProperty(CONSOLE_FORMAT)) {
                derived.put(CONSOLE_FORMAT, "ecs");
            }
            // Boot treats a jwk-set-uri that is present but empty as an address; set it only when given
            String jwkSetUri = environment.getProperty(JWK_SET_URI_SWITCH);
            if (jwkSetUri != null && !jwkSetUri.isBlank() && !environment.containsProperty(JWK_SET_URI)) {
                derived.put(JWK_SET_URI, jwkSetUri.strip());
            }
            if (!derived.isEmpty()) {
                // Just above the defaults: the explicit property anywhere wins.
                sources.addBefore(DEFAULTS_SOURCE, new MapPropertySource(DERIVED_SOURCE, derived));
            }
        }
    }

    private static ResourcePropertySource loadDefaults(SpringApplication application) {
        ClassLoader classLoader = application != null ? application.getClassLoader() : null;
        try {
            return new ResourcePropertySource(DEFAULTS_SOURCE, new ClassPathResource(DEFAULTS_LOCATION, classLoader));
        } catch (IOException e) {
            throw new UncheckedIOException("Service kit defaults missing from the classpath: " + DEFAULTS_LOCATION, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
