package vn.danvan.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * The service started as its jar starts (its own application.yml only, without the tests' allowance of development
 * keys, no profile) on the test backends: a deployment that forgot its keys, whatever it is called, does not start
 * with the repository's public ones; with keys of its own, as infra/compose-secrets makes them, it does.
 */
class DevelopmentKeysStartupTest {

    @Test
    void refusesToStartWithTheShippedDevelopmentKeyset() throws Exception {
        String contactKeySecret = ComposeSecrets.value("FEEDBACK_CONTACT_KEY_SECRET");

        assertThatThrownBy(() -> start("--FEEDBACK_CONTACT_KEY_SECRET=" + contactKeySecret))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DEVELOPMENT keyset")
                .hasMessageContaining("DANVAN_FEEDBACK_IDENTITY_KEYSET")
                .hasMessageContaining("infra/compose-secrets --print")
                .hasMessageContaining("DANVAN_FEEDBACK_ALLOW_DEVELOPMENT_KEYS=true");
    }

    @Test
    void refusesToStartWithoutAContactKeySecret() throws Exception {
        String keyset = ComposeSecrets.value("DANVAN_FEEDBACK_IDENTITY_KEYSET");

        assertThatThrownBy(
                        () -> start("--DANVAN_FEEDBACK_IDENTITY_KEYSET=" + keyset, "--spring.profiles.active=staging"))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FEEDBACK_CONTACT_KEY_SECRET")
                .hasMessageContaining("infra/compose-secrets --print")
                .hasMessageContaining("DANVAN_FEEDBACK_ALLOW_DEVELOPMENT_KEYS=true");
    }

    @Test
    void startsWithKeysOfItsOwn() throws Exception {
        try (ConfigurableApplicationContext service = start(
                "--DANVAN_FEEDBACK_IDENTITY_KEYSET=" + ComposeSecrets.value("DANVAN_FEEDBACK_IDENTITY_KEYSET"),
                "--FEEDBACK_CONTACT_KEY_SECRET=" + ComposeSecrets.value("FEEDBACK_CONTACT_KEY_SECRET"))) {
            String readiness = RestClient.create(
                            "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"))
                    .get()
                    .uri("/actuator/health/readiness")
                    .retrieve()
                    .body(String.class);

            assertThat(readiness).contains("\"status\":\"UP\"");
        }
    }

    /** The settings are passed as the deployment's variables are named (placeholders of application.yml). */
    private static ConfigurableApplicationContext start(String... settings) {
        TestBackends backends = TestBackends.get();
        List<String> args = new ArrayList<>(List.of(
                // what the jar reads: not the tests' config/application.properties, which allows development keys
                "--spring.config.location=classpath:/application.yml",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + backends.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + backends.mongoUri("feedback_keys"),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri="
                        + TestIdentityProvider.shared().issuer()));
        args.addAll(List.of(settings));
        return new SpringApplication(FeedbackIntakeApplication.class).run(args.toArray(String[]::new));
    }
}
