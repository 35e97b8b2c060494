package vn.danvan.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

class KitDefaultsEnvironmentPostProcessorTest {

    private final KitDefaultsEnvironmentPostProcessor postProcessor = new KitDefaultsEnvironmentPostProcessor();

    @Test
    void defaultsApplyButEveryServiceSettingWins() {
        StandardEnvironment environment =
                environmentWith(Map.of("management.endpoints.web.exposure.include", "health"));

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health");
        assertThat(environment.getProperty("spring.threads.virtual.enabled", Boolean.class))
                .isTrue();
        assertThat(environment.getProperty("management.tracing.sampling.probability", Double.class))
                .isEqualTo(1.0);
        assertThat(environment.getProperty("spring.web.error.include-stacktrace"))
                .isEqualTo("never");
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(environment.getPropertySources().stream().reduce((first, second) -> second))
                .hasValueSatisfying(last ->
                        assertThat(last.getName()).isEqualTo(KitDefaultsEnvironmentPostProcessor.DEFAULTS_SOURCE));
    }

    @Test
    void bodyAndMultipartLimitsDefaultToOneMegabyteAndMoveTogether() {
        StandardEnvironment defaults = environmentWith(Map.of());
        postProcessor.postProcessEnvironment(defaults, new SpringApplication());
        assertThat(size(defaults, "danvan.http.max-request-body")).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(size(defaults, "spring.servlet.multipart.max-request-size")).isEqualTo(DataSize.ofMegabytes(1));

        StandardEnvironment raised = environmentWith(Map.of("danvan.http.max-request-body", "5MB"));
        postProcessor.postProcessEnvironment(raised, new SpringApplication());
        assertThat(size(raised, "spring.servlet.multipart.max-file-size")).isEqualTo(DataSize.ofMegabytes(5));
        assertThat(size(raised, "server.tomcat.max-http-form-post-size")).isEqualTo(DataSize.ofMegabytes(5));
    }

    @Test
    void jsonSwitchSelectsEcsConsoleFormat() {
        StandardEnvironment plain = environmentWith(Map.of());
        postProcessor.postProcessEnvironment(plain, new SpringApplication());
        assertThat(plain.getProperty("logging.structured.format.console")).isNull();

        StandardEnvironment json = environmentWith(Map.of("danvan.logging.json", "true"));
        postProcessor.postProcessEnvironment(json, new SpringApplication());
        assertThat(json.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void anExplicitConsoleFormatBeatsTheSwitch() {
        StandardEnvironment environment =
                environmentWith(Map.of("danvan.logging.json", "true", "logging.structured.format.console", "logstash"));

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void runningTwiceAddsTheDefaultsOnce() {
        StandardEnvironment environment = environmentWith(Map.of("danvan.logging.json", "true"));

        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().stream()
                        .filter(source -> source.getName().startsWith("danvanKit")))
                .hasSize(2);
    }

    @Test
    void everyKafkaClientRetriesALongOutageEveryTenSecondsNotEverySecond() {
        StandardEnvironment environment = environmentWith(Map.of());
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        KafkaProperties kafka = Binder.get(environment)
                .bind("spring.kafka", KafkaProperties.class)
                .get();
        for (Map<String, Object> client : List.of(
                kafka.buildConsumerProperties(), kafka.buildProducerProperties(), kafka.buildAdminProperties())) {
            assertThat(client).containsEntry("reconnect.backoff.max.ms", "10000");
        }
    }

    private static StandardEnvironment environmentWith(Map<String, Object> service) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", service));
        return environment;
    }

    private static DataSize size(StandardEnvironment environment, String name) {
        return Binder.get(environment).bind(name, DataSize.class).get();
    }
}
