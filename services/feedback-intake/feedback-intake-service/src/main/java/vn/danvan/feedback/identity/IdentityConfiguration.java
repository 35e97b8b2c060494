package vn.danvan.feedback.identity;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.FeedbackIntakeProfiles;

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
     * The cipher from the configured keyset. The development keyset's key material is in the repository, so a
     * production profile refuses to start with it rather than seal real identities under a public key.
     */
    static IdentityCipher cipher(IdentityProperties properties, Environment environment) {
        IdentityCipher cipher = IdentityCipher.fromBase64(properties.keyset());
        if (cipher.usesDevelopmentKey()) {
            if (environment.acceptsProfiles(FeedbackIntakeProfiles.PRODUCTION)) {
                throw new IllegalStateException("danvan.feedback.identity.keyset holds the public development key;"
                        + " a production profile needs its own keyset (DANVAN_FEEDBACK_IDENTITY_KEYSET)");
            }
            log.warn("Denouncers' identities are sealed with the public DEVELOPMENT key: local use only");
        }
        return cipher;
    }
}
