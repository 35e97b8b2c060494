package vn.danvan.feedback.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import vn.danvan.feedback.ComposeSecrets;

/** Which keysets the service starts with. */
class IdentityKeysTest {

    @Test
    void theShippedDevelopmentKeysetWorksLocallyButStopsAProductionStart() throws Exception {
        String shipped = shippedKeyset();
        IdentityCipher local = IdentityConfiguration.cipher(new IdentityProperties(shipped), new MockEnvironment());

        assertThat(local.usesDevelopmentKey()).isTrue();
        assertThat(utf8(local.open(local.seal(bytes("x"), "f-1").ciphertext(), "f-1")))
                .isEqualTo("x");
        for (String profile : new String[] {"prod", "production"}) {
            MockEnvironment production = new MockEnvironment();
            production.setActiveProfiles("default", profile);
            assertThatThrownBy(() -> IdentityConfiguration.cipher(new IdentityProperties(shipped), production))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("development key");
        }
    }

    @Test
    void aProductionProfileStartsWithItsOwnKeyset() throws Exception {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");

        IdentityCipher cipher = IdentityConfiguration.cipher(
                new IdentityProperties(TestKeysets.base64(TestKeysets.newKeyset())), production);

        assertThat(cipher.usesDevelopmentKey()).isFalse();
    }

    @Test
    void aMissingOrBrokenKeysetStopsTheStartWithoutQuotingIt() {
        String notAKeyset = Base64.getEncoder().encodeToString(bytes("{\"secret\":\"hunter2\"}"));

        for (String keyset : new String[] {null, " ", "not base64 !", notAKeyset}) {
            assertThatThrownBy(
                            () -> IdentityConfiguration.cipher(new IdentityProperties(keyset), new MockEnvironment()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("danvan.feedback.identity.keyset")
                    .hasNoCause()
                    .message()
                    .doesNotContain("hunter2");
        }
    }

    @Test
    void theIdentityIsBoundToItsFeedbackItem() throws GeneralSecurityException {
        IdentityCipher cipher = TestKeysets.cipher(TestKeysets.newKeyset());
        byte[] sealed = cipher.seal(bytes("Nguyễn Văn A"), "f-1").ciphertext();

        assertThat(utf8(cipher.open(sealed, "f-1"))).isEqualTo("Nguyễn Văn A");
        assertThat(utf8(sealed)).doesNotContain("Nguy");
        assertThatThrownBy(() -> cipher.open(sealed, "f-2")).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> TestKeysets.cipher(TestKeysets.newKeyset()).open(sealed, "f-1"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    private static String shippedKeyset() throws Exception {
        PropertySource<?> yaml = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"))
                .getFirst();
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addFirst(yaml);
        return environment.getProperty("danvan.feedback.identity.keyset");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * docker-compose.yml starts feedback-intake with the production profile and the secrets infra/compose-secrets
     * makes: its keyset must be one the service opens, its own (not the development one), and new each time.
     */
    @Test
    void theComposeSecretsScriptMakesAKeysetAProductionStartAccepts() throws Exception {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");
        String first = ComposeSecrets.value("DANVAN_FEEDBACK_IDENTITY_KEYSET");
        IdentityCipher cipher = IdentityConfiguration.cipher(new IdentityProperties(first), production);

        assertThat(cipher.usesDevelopmentKey()).isFalse();
        assertThat(utf8(cipher.open(cipher.seal(bytes("Nguyễn Văn A"), "f-1").ciphertext(), "f-1")))
                .isEqualTo("Nguyễn Văn A");
        assertThat(ComposeSecrets.value("DANVAN_FEEDBACK_IDENTITY_KEYSET")).isNotEqualTo(first);
    }
}
