package vn.danvan.feedback.consultation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-deployment settings of consultations: {@code danvan.feedback.consultations.*}.
 *
 * @param cacheTtl how long the comment path may use a consultation read from the store (0: read on every comment)
 * @param closeEvery how often consultations past their closing time are closed and announced
 */
@ConfigurationProperties("danvan.feedback.consultations")
record ConsultationProperties(Duration cacheTtl, Duration closeEvery) {

    ConsultationProperties {
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(2) : cacheTtl;
        closeEvery = closeEvery == null ? Duration.ofSeconds(30) : closeEvery;
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("danvan.feedback.consultations.cache-ttl must not be negative");
        }
        if (closeEvery.isNegative() || closeEvery.isZero()) {
            throw new IllegalArgumentException("danvan.feedback.consultations.close-every must be positive");
        }
    }
}
