package vn.danvan.kit.security;

import jakarta.servlet.DispatcherType;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The service's one security filter chain. Every service validates the caller's JWT itself (issuer, audience,
 * signature, expiry: Boot's {@code spring.security.oauth2.resourceserver.jwt.*}, set from {@code DANVAN_ISSUER_URI}
 * in the kit's defaults), so a request that bypasses the gateway gets the same answer as one through it. Anonymous
 * callers reach only the service's {@code danvan.security.public-endpoints} (and health, info, metrics, API docs);
 * roles and unit scope are checked by the features through {@link CurrentOfficer} and {@link UnitScope}. Also part
 * of {@code @WebMvcTest} slices, so a slice test sees the same answers.
 */
// before Boot's own chains, which would otherwise claim the application (their condition: no chain defined yet)
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet"
                    + ".OAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AccessProperties.class)
public class ApiSecurityAutoConfiguration {

    /**
     * No observation of the filter chain at all: {@code management.observations.enable.spring.security=false} turns
     * its ~30 observations a request into no-ops, but Spring Security still wraps every filter of every request to
     * make them. Without this bean the chain runs undecorated. The request's own observation stays.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            AccessProperties access,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(resolver);
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only, no cookies to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(anonymous -> {})
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim())))
                .authorizeHttpRequests(requests -> {
                    // the container's error page and async dispatches of a request already let through
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                            .permitAll();
                    requests.requestMatchers(
                                    HttpMethod.GET,
                                    "/actuator/health",
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/actuator/prometheus",
                                    "/v3/api-docs",
                                    "/v3/api-docs/**")
                            .permitAll();
                    for (String endpoint : access.getPublicEndpoints()) {
                        String[] parts = endpoint.trim().split("\\s+", 2);
                        if (parts.length == 2) {
                            HttpMethod method = HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT));
                            requests.requestMatchers(method, parts[1]).permitAll();
                            if (HttpMethod.GET.equals(method)) {
                                // HEAD asks what GET would answer, headers only (RFC 9110, 9.3.2)
                                requests.requestMatchers(HttpMethod.HEAD, parts[1])
                                        .permitAll();
                            }
                        } else {
                            requests.requestMatchers(parts[0]).permitAll();
                        }
                    }
                    requests.anyRequest().authenticated();
                });
        return http.build();
    }

    /** Authorities {@code ROLE_<name>} from the {@code roles} claim; the principal is {@code sub}. */
    private static JwtAuthenticationConverter rolesFromClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(JwtCurrentOfficer.ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
