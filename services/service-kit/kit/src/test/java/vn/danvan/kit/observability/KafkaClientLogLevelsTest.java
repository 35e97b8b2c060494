package vn.danvan.kit.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The kit's levels for the Kafka client's noisiest loggers: the lag gauge's high-watermark warning and the INFO lines
 * of every reconnection attempt are gone, while the warnings that tell of a real problem (a broker that cannot be
 * reached, a metadata error) are still logged, and other loggers keep INFO.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaClientLogLevelsTest {

    @Configuration(proxyBeanMethods = false)
    static class NothingToConfigure {}

    @Test
    void theFloodsAreQuietAndTheWarningsThatMatterStay(CapturedOutput output) {
        String run = UUID.randomUUID().toString();
        // logging is configured once per JVM: let this application configure it, as a service's only one does
        LoggingSystem.get(KafkaClientLogLevelsTest.class.getClassLoader()).cleanUp();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingToConfigure.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "spring.application.name=kafka-log-levels")
                .run()) {
            Logger offsets = LoggerFactory.getLogger("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils");
            Logger network = LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient");
            Logger metadata = LoggerFactory.getLogger("org.apache.kafka.clients.Metadata");
            offsets.warn(
                    "{} Not updating high watermark for partition danvan.feedback.v1-3 as it is no longer assigned",
                    run);
            network.info("{} Node -1 disconnected.", run);
            metadata.info("{} Rebootstrapping with [localhost:9092]", run);
            network.warn("{} Connection to node -1 (localhost/127.0.0.1:9092) could not be established.", run);
            network.warn("{} The metadata response from the cluster reported a recoverable issue", run);
            metadata.error("{} Topic authorization failed for topics [danvan.feedback.v1]", run);
            offsets.error("{} Discarding error resetting positions because another error is pending", run);
            LoggerFactory.getLogger("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator")
                    .info("{} Setting offset for partition danvan.feedback.v1-3", run);
        }

        String logged = String.join(
                "\n", output.getOut().lines().filter(line -> line.contains(run)).toList());
        assertThat(logged)
                .doesNotContain("Not updating high watermark", "Node -1 disconnected", "Rebootstrapping")
                .contains(
                        "could not be established",
                        "reported a recoverable issue",
                        "Topic authorization failed",
                        "Discarding error resetting positions",
                        "Setting offset for partition");
    }
}
