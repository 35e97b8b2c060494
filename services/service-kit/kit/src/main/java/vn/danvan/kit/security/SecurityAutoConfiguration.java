package vn.danvan.kit.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.units.UnitsAutoConfiguration;

/**
 * Who is calling ({@link CurrentOfficer}, from the validated JWT) and what they may reach ({@link UnitScope}). The
 * filter chain that validates tokens is {@link ApiSecurityAutoConfiguration}.
 */
@AutoConfiguration(after = UnitsAutoConfiguration.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    CurrentOfficer currentOfficer() {
        return new JwtCurrentOfficer();
    }

    @Bean
    @ConditionalOnMissingBean
    UnitScope unitScope(AdministrativeUnits units) {
        return new UnitScope(units);
    }
}
