package vn.danvan.kit.observability;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Access to the current trace id. The settings themselves (actuator exposure, health groups, sampling,
 * log correlation, JSON logs) are property defaults: see {@code META-INF/danvan/kit-defaults.properties}
 * and {@code vn.danvan.kit.config.KitDefaultsEnvironmentPostProcessor}. Not limited to web
 * applications: event consumers want the trace id too.
 */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CurrentTrace danvanCurrentTrace(ObjectProvider<Tracer> tracer) {
        return new CurrentTrace(tracer);
    }
}
