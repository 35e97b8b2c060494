package vn.danvan.feedback.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import vn.danvan.feedback.ComposeSecrets;
import vn.danvan.feedback.DevelopmentKeys;

/** Which keysets the service starts with. */
class IdentityKeysTest {

    /**
     * The shipped keyset's key is public: a deployment that forgot its own keyset must not start, whatever its
     * profile is called, and the refusal says what to set and how to make it.
     */
    @Test
    void theShippedDevelopmentKeysetStopsAStartThatDoesNotAllowDevelopmentKeys() throws Exception {
        String shipped = shippedKeyset();
        for (String profile : new String[] {null, "staging", "hanoi", "default", "prod", "production"}) {
            MockEnvironment deployment = new MockEnvironment();
            if (profile != null) {
                deployment.setActiveProfiles(profile);
            }
            assertThatThrownBy(() -> IdentityConfiguration.cipher(new IdentityProperties(shipped), deployment))
                    .as(String.valueOf(profile))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DEVELOPMENT keyset")
                    .hasMessageContaining("DANVAN_FEEDBACK_IDENTITY_KEYSET")
                    .hasMessageContaining("infra/compose-secrets --print");
        }
    }

    @Test
    void aDevelopmentOrTestRunThatSaysSoStartsWithTheShippedKeyset() throws Exception {
        String shipped = shippedKeyset();
        IdentityCipher local = IdentityConfiguration.cipher(new IdentityProperties(shipped), allowingDevelopmentKeys());

        assertThat(local.usesDevelopmentKey()).isTrue();
        assertThat(utf8(local.open(local.seal(bytes("x"), "f-1").ciphertext(), "f-1")))
                .isEqualTo("x");
    }

    @Test
    void aProductionProfileRefusesTheShippedKeysetEvenWhenDevelopmentKeysAreAllowed() throws Exception {
        String shipped = shippedKeyset();
        for (String profile : new String[] {"prod", "production"}) {
            MockEnvironment production = allowingDevelopmentKeys();
            production.setActiveProfiles("default", profile);
            assertThatThrownBy(() -> IdentityConfiguration.cipher(new IdentityProperties(shipped), production))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DANVAN_FEEDBACK_IDENTITY_KEYSET")
                    .hasMessageContaining("never uses the development keys");
        }
    }

    @Test
    void aStartWithoutProfileOrAllowanceStartsWithItsOwnKeyset() throws Exception {
        IdentityCipher cipher = IdentityConfiguration.cipher(
                new IdentityProperties(TestKeysets.base64(TestKeysets.newKeyset())), new MockEnvironment());

        assertThat(cipher.usesDevelopmentKey()).isFalse();
    }

    /** The development key is just as public as a secondary key of a keyset: refused too. */
    @Test
    void aKeysetStillHoldingTheDevelopmentKeyIsRefused() throws Exception {
        String rotated = TestKeysets.base64(TestKeysets.withNewPrimary(developmentKeyset()));

        assertThatThrownBy(() -> IdentityConfiguration.cipher(new IdentityProperties(rotated), new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DEVELOPMENT keyset");
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

    private static KeysetHandle developmentKeyset() throws Exception {
        AeadConfig.register();
        return TinkJsonProtoKeysetFormat.parseKeyset(
                new String(Base64.getMimeDecoder().decode(shippedKeyset().strip()), StandardCharsets.UTF_8),
                InsecureSecretKeyAccess.get());
    }

    private static MockEnvironment allowingDevelopmentKeys() {
        return new MockEnvironment().withProperty(DevelopmentKeys.ALLOW_PROPERTY, "true");
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
