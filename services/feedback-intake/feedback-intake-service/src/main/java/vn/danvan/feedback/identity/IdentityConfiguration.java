package vn.danvan.feedback.identity;

import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.DevelopmentKeys;

/** The vault's keys and store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    @Bean
    IdentityCipher identityCipher(IdentityProperties properties, Environment environment) {
        return cipher(properties, environment);
    }

    @Bean
    SealedUploads sealedUploads(IdentityCipher cipher) {
        return new SealedUploads(cipher);
    }

    @Bean
    IdentityVault identityVault(MongoTemplate mongo, IdentityCipher cipher, Optional<Clock> clock) {
        return new IdentityVault(mongo, cipher, clock.orElseGet(Clock::systemUTC));
    }

    /**
     * The cipher from the configured keyset. The development keyset's key material is in the repository, so the
     * service refuses to start with it unless the run says it is a development or test run ({@link DevelopmentKeys}):
     * a deployment that forgot its keyset must not seal real identities under a public key.
     */
    static IdentityCipher cipher(IdentityProperties properties, Environment environment) {
        IdentityCipher cipher = IdentityCipher.fromBase64(properties.keyset());
        if (cipher.usesDevelopmentKey()) {
            if (!DevelopmentKeys.allowed(environment)) {
                throw new IllegalStateException("danvan.feedback.identity.keyset is the repository's public"
                        + " DEVELOPMENT keyset (key id "
                        + IdentityCipher.DEVELOPMENT_KEY_IDS.stream()
                                .map(String::valueOf)
                                .collect(Collectors.joining(", "))
                        + "): anyone could open the identities sealed with it. Set DANVAN_FEEDBACK_IDENTITY_KEYSET"
                        + " to a keyset of this deployment's own (`infra/compose-secrets --print` prints a new one;"
                        + " keep it secret and back it up with the store: sealed identities open only with it)."
                        + DevelopmentKeys.howToAllow(environment));
            }
            log.warn(
                    "Denouncers' identities are sealed with the public DEVELOPMENT key ({}=true): local use only",
                    DevelopmentKeys.ALLOW_PROPERTY);
        }
        return cipher;
    }
}
