package vn.danvan.feedback.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keyset base64 of a Tink keyset in JSON (several keys allowed: the primary seals, any enabled one opens);
 *     production supplies it through the environment ({@code DANVAN_FEEDBACK_IDENTITY_KEYSET})
 */
@ConfigurationProperties("danvan.feedback.identity")
record IdentityProperties(String keyset) {

    @Override
    public String toString() {
        return "IdentityProperties[keyset=***]";
    }
}
