package vn.danvan.kit.observability;

import com.mongodb.client.MongoClient;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Access to the current trace id. The settings themselves (actuator exposure, health groups, sampling,
 * log correlation, JSON logs) are property defaults: see {@code META-INF/danvan/kit-defaults.properties}
 * and {@code vn.danvan.kit.config.KitDefaultsEnvironmentPostProcessor}. Not limited to web
 * applications: event consumers want the trace id too.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
public class ObservabilityAutoConfiguration {

    /** Named so that Boot's MongoDB health contributor backs off; the health component stays {@code mongo}. */
    @Bean
    @ConditionalOnClass(MongoClient.class)
    @ConditionalOnBean(MongoClient.class)
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoClient client) {
        return new MongoPingHealthIndicator(client);
    }

    @Bean
    @ConditionalOnMissingBean
    CurrentTrace danvanCurrentTrace(ObjectProvider<Tracer> tracer) {
        return new CurrentTrace(tracer);
    }
}
