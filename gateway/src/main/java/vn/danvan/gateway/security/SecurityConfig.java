package vn.danvan.gateway.security;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import vn.danvan.gateway.GatewayProperties;
import vn.danvan.gateway.cors.ProblemCorsFilter;
import vn.danvan.gateway.problem.Problem;
import vn.danvan.gateway.problem.ProblemType;
import vn.danvan.gateway.problem.ProblemWriter;

/**
 * The gateway authenticates and nothing more: anonymous callers reach only the public endpoints
 * ({@code danvan.gateway.public-endpoints}); every other request needs a valid token, which is then forwarded
 * unchanged (the {@code Authorization} header passes through), so each service decides on roles and unit scope
 * itself. A token that is present but invalid is refused with 401 even on a public endpoint: a client that
 * believes it is signed in must learn that it is not.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            GatewayProperties properties,
            ProblemWriter writer,
            CorsConfigurationSource corsSource) {
        List<ServerWebExchangeMatcher> publicEndpoints = PublicEndpoints.matchers(properties.publicEndpoints());
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(writer);
        ServerAccessDeniedHandler denied = (exchange, ex) -> writer.write(exchange, Problem.of(ProblemType.FORBIDDEN));
        http.csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only, no cookies to forge requests with
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // where Spring Security's own CORS filter would be, with a problem for a refused origin
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(new ProblemCorsFilter(corsSource, writer), SecurityWebFiltersOrder.CORS)
                // written for every answer, also those given before this chain runs, by headers/SecurityHeaders
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .authorizeExchange(exchanges -> {
                    publicEndpoints.forEach(
                            matcher -> exchanges.matchers(matcher).permitAll());
                    // the gateway's own endpoints (metrics naming the services' addresses, the routes, breaker
                    // states) are the operators': health is public above, the rest needs the admin role
                    exchanges.pathMatchers("/actuator/**").hasRole("ADMIN");
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesAsAuthorities()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
        return http.build();
    }

    /** The token's {@code roles} claim (docs/identity.md) as {@code ROLE_*} authorities, for the admin check above. */
    private static ReactiveJwtAuthenticationConverterAdapter rolesAsAuthorities() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /**
     * The security firewall refuses a path it does not trust ({@code ..}, an encoded slash, {@code %25}, a NUL)
     * or a header value with a control character before any route; its own answer is an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler firewallProblem(ProblemWriter writer) {
        return (exchange, rejected) -> writer.write(
                exchange, Problem.of(ProblemType.BAD_REQUEST).detail("problem.bad-request.firewall.detail"));
    }
}
