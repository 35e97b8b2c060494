package vn.danvan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which environment variables reach an app: the rule the compose checks rely on, shown on real apps. */
class AppConfigTest {

    private final Path root = Repository.root();
    private final AppConfig modelRegistry = AppConfig.read(root, "services/model-registry/model-registry-service");
    private final AppConfig gateway = AppConfig.read(root, "gateway");

    @Test
    void readsItsPlaceholders() {
        assertThat(modelRegistry.reads("MONGODB_URI")).isTrue();
        assertThat(modelRegistry.reads("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(modelRegistry.reads("PORT")).isTrue();
        assertThat(gateway.reads("STATISTICS_URL")).isTrue();
    }

    @Test
    void readsTheRelaxedFormOfItsPropertiesAsSpringDoes() {
        assertThat(modelRegistry.reads("SPRING_MONGODB_URI")).isTrue();
        assertThat(modelRegistry.reads("SPRING_KAFKA_BOOTSTRAPSERVERS")).isTrue();
        assertThat(modelRegistry.reads("DANVAN_EVENTS_TOPIC")).isTrue();
        assertThat(gateway.reads("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_URI"))
                .isTrue();
    }

    @Test
    void doesNotReadTyposOrNamesSpringWouldNotBind() {
        assertThat(modelRegistry.reads("MONGO_URI")).isFalse();
        // the dash in bootstrap-servers is dropped, not turned into '_', by relaxed binding
        assertThat(modelRegistry.reads("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isFalse();
        assertThat(modelRegistry.reads("SPRING_DATA_MONGODB_URI")).isFalse();
        assertThat(gateway.reads("MONGODB_URI")).isFalse();
    }

    @Test
    void resolvesDefaultsThroughPlaceholders() {
        assertThat(modelRegistry.defaultValue("server.port")).hasValue("8081");
        assertThat(modelRegistry.defaultValue("spring.mongodb.uri"))
                .hasValue("mongodb://127.0.0.1:27017/danvan_models");
        assertThat(modelRegistry.placeholdersOfKeysEndingWith("mongodb.uri")).containsExactly("MONGODB_URI");
    }
}
