package vn.danvan.kit.test;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * Points a Spring test context at the {@link TestBackends}: {@code spring.kafka.bootstrap-servers} and
 * {@code spring.mongodb.uri}. The database is {@code danvan.test.database} if set (a test class that needs a clean
 * store names its own), else the one the service's own {@code spring.mongodb.uri} names, so tests use the service's
 * real database name.
 */
public class DanvanBackendsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        TestBackends backends = TestBackends.get();
        String database = environment.getProperty("danvan.test.database", databaseOf(environment));
        MapPropertySource source = new MapPropertySource(
                "danvanTestBackends",
                Map.of(
                        "spring.kafka.bootstrap-servers", backends.kafkaBootstrapServers(),
                        "spring.mongodb.uri", backends.mongoUri(database),
                        "danvan.test.backend-description", backends.describe(),
                        // tokens come from the test identity provider, found through its issuer URL as in production
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                                TestIdentityProvider.shared().issuer()));
        // a test's own properties still win, e.g. a test that points a service at a broker it starts later
        if (environment.getPropertySources().contains(INLINED_TEST_PROPERTIES)) {
            environment.getPropertySources().addAfter(INLINED_TEST_PROPERTIES, source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }

    private static String databaseOf(ConfigurableEnvironment environment) {
        String uri = environment.getProperty("spring.mongodb.uri");
        if (uri != null) {
            String path = uri.replaceFirst("^mongodb(\\+srv)?://[^/]*/?", "");
            String name = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (!name.isBlank()) {
                return name;
            }
        }
        return environment.getProperty("spring.application.name", "danvan_test").replace('-', '_');
    }
}
