package vn.danvan.feedback.duplicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import vn.danvan.feedback.ComposeSecrets;
import vn.danvan.feedback.DevelopmentKeys;

class ContactKeysTest {

    private final ContactKeys keys = ContactKeys.withSecret("a-test-secret-of-at-least-32-characters");

    @Test
    void oneCitizensNumberWrittenAnyWayGivesOneKey() {
        String key = keys.keyOf("0912345678");
        assertThat(key).hasSize(64).matches("[0-9a-f]+");
        for (String written :
                new String[] {"+84 912 345 678", "0912.345.678", "84912345678", "0084-912-345-678", " 091 234 5678 "}) {
            assertThat(keys.keyOf(written)).as(written).isEqualTo(key);
        }
        assertThat(keys.keyOf("0912345679")).isNotEqualTo(key);
    }

    @Test
    void eMailAddressesIgnoreCaseAndSurroundingSpace() {
        assertThat(keys.keyOf(" Nguyen.Binh@Example.VN ")).isEqualTo(keys.keyOf("nguyen.binh@example.vn"));
        assertThat(keys.keyOf("nguyen.binh@example.vn")).isNotEqualTo(keys.keyOf("nguyen.binh2@example.vn"));
    }

    @Test
    void theKeyRevealsNothingWithoutTheSecret() {
        String key = keys.keyOf("0912345678");
        assertThat(key).doesNotContain("912345678");
        assertThat(ContactKeys.withSecret("another-secret-of-at-least-32-characters")
                        .keyOf("0912345678"))
                .isNotEqualTo(key);
        assertThat(ContactKeys.withRandomSecret().keyOf("0912345678")).isNotEqualTo(key);
    }

    @Test
    void noContactNoKeyAndAShortSecretIsRefused() {
        assertThat(keys.keyOf(null)).isNull();
        assertThat(keys.keyOf("   ")).isNull();
        assertThat(keys.keyOf("không có")).isNull();
        assertThatThrownBy(() -> ContactKeys.withSecret("short")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Without a configured secret each process has its own key: two replicas would not link the same citizen's
     * repeats, and a retried submission reaching the other replica would not match its first. A start refuses that,
     * whatever its profile, unless it says it is a development or test run (never a production one);
     * infra/compose-secrets makes a secret every start accepts.
     */
    @Test
    void aStartNeedsASharedContactKeySecretUnlessDevelopmentKeysAreAllowed() throws Exception {
        for (String profile : new String[] {null, "staging", "production"}) {
            MockEnvironment deployment = new MockEnvironment();
            if (profile != null) {
                deployment.setActiveProfiles(profile);
            }
            assertThatThrownBy(() -> DuplicateDetector.contactKeys(" ", deployment))
                    .as(String.valueOf(profile))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("FEEDBACK_CONTACT_KEY_SECRET")
                    .hasMessageContaining("infra/compose-secrets --print");
            assertThatThrownBy(() -> DuplicateDetector.contactKeys(null, deployment))
                    .isInstanceOf(IllegalStateException.class);
        }
        MockEnvironment productionAllowing = new MockEnvironment().withProperty(DevelopmentKeys.ALLOW_PROPERTY, "true");
        productionAllowing.setActiveProfiles("prod");
        assertThatThrownBy(() -> DuplicateDetector.contactKeys(null, productionAllowing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never uses the development keys");

        String secret = ComposeSecrets.value("FEEDBACK_CONTACT_KEY_SECRET");
        for (String profile : new String[] {null, "production"}) {
            MockEnvironment deployment = new MockEnvironment();
            if (profile != null) {
                deployment.setActiveProfiles(profile);
            }
            ContactKeys replicaA = DuplicateDetector.contactKeys(secret, deployment);
            ContactKeys replicaB = DuplicateDetector.contactKeys(secret, deployment);
            assertThat(replicaA.keyOf("0905 123 456")).isEqualTo(replicaB.keyOf("0905 123 456"));
        }

        MockEnvironment local = new MockEnvironment().withProperty(DevelopmentKeys.ALLOW_PROPERTY, "true");
        assertThat(DuplicateDetector.contactKeys(null, local).keyOf("0905 123 456"))
                .isNotEqualTo(DuplicateDetector.contactKeys(null, local).keyOf("0905 123 456"));
    }
}
