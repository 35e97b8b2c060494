package vn.danvan.feedback.duplicate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param window how far apart in time two submissions may be received and still be duplicates
 * @param threshold the Jaccard similarity of the texts' shingles from which a submission is a near-duplicate
 * @param contactKeySecret the HMAC key that turns a phone number or e-mail address into a contact key; blank means a
 *     random key per process (same-contact matching then does not survive a restart)
 */
@ConfigurationProperties("danvan.feedback.duplicates")
record DuplicateProperties(
        @DefaultValue("30d") Duration window, @DefaultValue("0.8") double threshold, String contactKeySecret) {

    DuplicateProperties {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("danvan.feedback.duplicates.window must be positive");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("danvan.feedback.duplicates.threshold must be in (0, 1]");
        }
    }
}
