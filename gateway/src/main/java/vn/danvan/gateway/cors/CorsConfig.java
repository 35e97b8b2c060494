package vn.danvan.gateway.cors;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import vn.danvan.gateway.GatewayProperties;

/**
 * Cross-origin calls from the origins in {@code danvan.gateway.cors.allowed-origins} only. Spring Security
 * applies it ({@code http.cors()}) before authentication, so a preflight needs no token.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of(
                "Authorization",
                "Content-Type",
                "Accept",
                "Accept-Language",
                "X-Correlation-Id",
                // a retried submission (feedback-intake) and a resumed event stream
                "Idempotency-Key",
                "Last-Event-ID"));
        cors.setExposedHeaders(List.of("X-Correlation-Id", "Retry-After", "Location", "Content-Language"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
