package vn.danvan.platform.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.danvan.platform.Repository;

/** The compose checks catch mistakes: each fixture under src/test/resources/compose breaks the wiring on purpose. */
class ComposeChecksTest {

    private final Path root = Repository.root();

    @Test
    void acceptsACorrectlyWiredService() throws Exception {
        assertThat(violations("minimal-valid.yml")).isEmpty();
    }

    @Test
    void rejectsAnEnvironmentVariableTheServiceDoesNotRead() throws Exception {
        assertThat(violations("typo-env.yml"))
                .containsExactlyInAnyOrder(
                        "model-registry: environment variable MONGO_URI is not read by"
                                + " services/model-registry/model-registry-service (no ${MONGO_URI} placeholder and no"
                                + " property mongo.uri in its application*.yml)",
                        "model-registry: MONGODB_URI is not set, so the app falls back to"
                                + " mongodb://127.0.0.1:27017/danvan_models, which inside a container is the"
                                + " container itself");
    }

    @Test
    void rejectsSharedStoresWrongHostsPortsPublishedServicesProbesAndStartOrder() throws Exception {
        List<String> violations = violations("broken-wiring.yml");

        List<String> expected = List.of(
                "model-registry: KAFKA_BOOTSTRAP_SERVERS uses kafka:9093, which the broker does not advertise",
                "shared-mongo: one MongoDB shared by [dialogue-scheduler, model-registry]",
                "dialogue-scheduler: MONGODB_URI selects database 'danvan_models' but"
                        + " services/dialogue-scheduler/dialogue-scheduler-service defaults to 'danvan_dialogues'",
                "dialogue-scheduler: KAFKA_BOOTSTRAP_SERVERS points at localhost, which is not the Kafka broker",
                "host port 8081 is published by [model-registry, dialogue-scheduler]",
                "model-registry: publishes host port 8081, so it cannot scale",
                "dialogue-scheduler: publishes host port 8081, so it cannot scale",
                "statistics: build arg PORT 8080 makes the image expose a port the app does not listen on (8084)",
                "dialogue-scheduler: uses shared-mongo but its depends_on condition is ''",
                "dialogue-scheduler: no healthcheck",
                "statistics: waits for spare-mongo to be healthy, but spare-mongo has no healthcheck",
                "statistics: healthcheck 'CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness'"
                        + " does not probe port 8084",
                "gateway: MODEL_REGISTRY_URL uses port 8082 but model-registry listens on 8081",
                "gateway: FEEDBACK_INTAKE_URL points at http://127.0.0.1:8083",
                "gateway: uses dialogue-scheduler but does not depend on it",
                "orphan-mongo: a MongoDB no app uses",
                "orphan-mongo: /data/db is not on a named volume",
                "volume shared-data is mounted by [shared-mongo, spare-mongo]",
                "volume shared-data (used by [shared-mongo, spare-mongo]) is not declared");
        for (String violation : expected) {
            assertThat(violations).anySatisfy(v -> assertThat(v).startsWith(violation));
        }
        assertThat(violations).hasSameSizeAs(expected);
    }

    @Test
    void rejectsAppsThatTrustAnotherIssuerOrFetchKeysFromThemselves() throws Exception {
        List<String> violations = violations("identity-wiring.yml");

        List<String> expected = List.of(
                "model-registry: DANVAN_ISSUER_URI http://127.0.0.1:9000 is not a realm of keycloak",
                "model-registry: DANVAN_JWK_SET_URI points at http://localhost:8180/realms/danvan/protocol/openid-connect"
                        + "/certs, which inside a container is the container itself",
                "dialogue-scheduler: DANVAN_ISSUER_URI and DANVAN_JWK_SET_URI must both be set");
        for (String violation : expected) {
            assertThat(violations).anySatisfy(v -> assertThat(v).startsWith(violation));
        }
        assertThat(violations).hasSameSizeAs(expected);
    }

    @Test
    void rejectsPasswordsAndSecretsWrittenInTheFileEvenAsDefaults() throws Exception {
        assertThat(violations("secret-defaults.yml"))
                .containsExactlyInAnyOrder(
                        "keycloak: KC_BOOTSTRAP_ADMIN_PASSWORD falls back to a value written in the file"
                                + " (${KEYCLOAK_ADMIN_PASSWORD:-demo-keycloak-admin}); require it:"
                                + " ${KEYCLOAK_ADMIN_PASSWORD:?run infra/compose-secrets first}",
                        "keycloak: DANVAN_CLI_SECRET is written in the file; a password or secret comes from the"
                                + " environment: ${DANVAN_CLI_SECRET:?run infra/compose-secrets first}",
                        "keycloak: DANVAN_DEMO_PASSWORD_CITIZEN may be empty (${DANVAN_DEMO_PASSWORD_CITIZEN});"
                                + " require it: ${DANVAN_DEMO_PASSWORD_CITIZEN:?run infra/compose-secrets first}",
                        "keycloak: DANVAN_DEMO_PASSWORD_INSPECTOR falls back to a value written in the file"
                                + " (${DANVAN_DEMO_PASSWORD_INSPECTOR-demo-inspector}); require it:"
                                + " ${DANVAN_DEMO_PASSWORD_INSPECTOR:?run infra/compose-secrets first}",
                        "keycloak: KC_DB_URL falls back to a value written in the file"
                                + " (${KEYCLOAK_DB_PASSWORD:-keycloak}); require it:"
                                + " ${KEYCLOAK_DB_PASSWORD:?run infra/compose-secrets first}");
    }

    @Test
    void readsHostsFromConnectionStrings() {
        assertThat(ComposeChecks.endpoints("mongodb://user@store-a:27017,store-b/danvan_models?replicaSet=rs0"))
                .containsExactly(
                        new ComposeChecks.Endpoint("store-a", "27017"), new ComposeChecks.Endpoint("store-b", ""));
        assertThat(ComposeChecks.endpoints("kafka:9092,kafka-2:9092"))
                .extracting(ComposeChecks.Endpoint::host)
                .containsExactly("kafka", "kafka-2");
        assertThat(ComposeChecks.endpoints("-Xms256m -Xmx512m")).isEmpty();
        assertThat(ComposeChecks.database("mongodb://store:27017/danvan_feedback?w=majority"))
                .isEqualTo("danvan_feedback");
        assertThat(ComposeChecks.database("mongodb://store:27017")).isEmpty();
    }

    private List<String> violations(String fixture) throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/compose/" + fixture).toURI());
        return ComposeChecks.violations(root, ComposeFile.read(file));
    }
}
