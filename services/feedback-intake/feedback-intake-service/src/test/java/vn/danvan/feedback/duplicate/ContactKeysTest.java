package vn.danvan.feedback.duplicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
}
