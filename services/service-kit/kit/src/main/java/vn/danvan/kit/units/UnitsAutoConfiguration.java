package vn.danvan.kit.units;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Administrative units reference data: lookups, scope checks, merge history. */
@AutoConfiguration
@EnableConfigurationProperties(UnitsProperties.class)
public class UnitsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(UnitsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    AdministrativeUnits administrativeUnits(UnitsProperties properties) {
        long start = System.nanoTime();
        AdministrativeUnits units = AdministrativeUnits.load(properties.extra());
        log.info(
                "Loaded {} ({} deployment-defined) in {} ms",
                units,
                properties.extra().size(),
                (System.nanoTime() - start) / 1_000_000);
        return units;
    }
}
