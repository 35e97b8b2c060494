package vn.danvan.statistics.figures;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the operator is told about the serving generation's figures. */
@Configuration(proxyBeanMethods = false)
class FiguresConfiguration {

    /** The health component {@code figures} (the bean's name less "HealthIndicator"). */
    @Bean
    LayoutCheck figuresHealthIndicator(Generations generations) {
        return new LayoutCheck(generations);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> layoutWarning(LayoutCheck check) {
        return event -> check.warnIfOlder();
    }
}
