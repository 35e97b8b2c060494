package vn.danvan.kit.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.units.UnitsAutoConfiguration;

/** Who is calling, and what they may reach. */
@AutoConfiguration(after = UnitsAutoConfiguration.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    CurrentOfficer currentOfficer() {
        return new TrustedHeaderCurrentOfficer();
    }

    @Bean
    @ConditionalOnMissingBean
    UnitScope unitScope(AdministrativeUnits units) {
        return new UnitScope(units);
    }
}
