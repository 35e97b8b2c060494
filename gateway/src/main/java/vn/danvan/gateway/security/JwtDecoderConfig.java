package vn.danvan.gateway.security;

import java.util.List;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The token decoder, from Boot's standard {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 *
 * <p>Defined here rather than left to Boot because {@code jwk-set-uri: ${DANVAN_JWK_SET_URI:}} is an empty
 * string when the variable is unset, and Boot's {@code @ConditionalOnProperty} counts an empty value as set: it
 * would build a decoder for the JWK set at "" instead of using the issuer's discovery document. Here an empty
 * value means discovery.
 */
@Configuration(proxyBeanMethods = false)
class JwtDecoderConfig {

    @Bean
    ReactiveJwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        String issuer = jwt.getIssuerUri();
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.issuer-uri must be set");
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, jwt.getAudiences());
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            // RS256 only: an unsigned (alg none) or differently signed token fails to decode
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.getJwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        // discovery is deferred to the first token, so the gateway starts while the issuer is still starting
        return new SupplierReactiveJwtDecoder(() -> {
            ReactiveJwtDecoder discovered = ReactiveJwtDecoders.fromIssuerLocation(issuer);
            ((NimbusReactiveJwtDecoder) discovered).setJwtValidator(validator);
            return discovered;
        });
    }

    /** Expiry (with the default 60 s clock skew) and issuer, plus at least one of the expected audiences. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        OAuth2TokenValidator<Jwt> defaults = JwtValidators.createDefaultWithIssuer(issuer);
        if (audiences == null || audiences.isEmpty()) {
            return defaults;
        }
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains));
        return new DelegatingOAuth2TokenValidator<>(defaults, audience);
    }
}
