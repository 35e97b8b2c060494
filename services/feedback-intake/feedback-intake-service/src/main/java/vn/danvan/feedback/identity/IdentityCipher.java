package vn.danvan.feedback.identity;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Authenticated encryption of sealed identities with a Tink keyset: the primary key seals, every enabled key opens,
 * so keys rotate by adding a new primary, resealing, then removing the old key. The feedback id is the associated
 * data: a ciphertext copied under another item's id does not open.
 */
final class IdentityCipher {

    /**
     * Key ids of the development keyset shipped in application.yml ("DEV1" in ASCII). Its key material is public,
     * so the service refuses to start with any of them unless the run allows development keys.
     */
    static final Set<Integer> DEVELOPMENT_KEY_IDS = Set.of(0x44455631);

    private final Aead aead;
    private final int primaryKeyId;
    private final Set<Integer> keyIds;

    IdentityCipher(KeysetHandle keyset) throws GeneralSecurityException {
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryKeyId = keyset.getPrimary().getId();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(keyset.getAt(i).getId());
        }
        this.keyIds = Set.copyOf(ids);
    }

    /**
     * @param base64Keyset base64 of the keyset's JSON; error messages never quote it
     * @throws IllegalArgumentException when it is missing, not base64, not a keyset or holds no AEAD key
     */
    static IdentityCipher fromBase64(String base64Keyset) {
        if (base64Keyset == null || base64Keyset.isBlank()) {
            throw new IllegalArgumentException("danvan.feedback.identity.keyset is not set");
        }
        String json;
        try {
            json = new String(Base64.getMimeDecoder().decode(base64Keyset.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("danvan.feedback.identity.keyset is not base64");
        }
        try {
            AeadConfig.register();
            return new IdentityCipher(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            // the cause may quote the keyset: leave it out
            throw new IllegalArgumentException(
                    "danvan.feedback.identity.keyset is not a usable Tink AEAD keyset in JSON ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    Sealed seal(byte[] plaintext, String feedbackId) throws GeneralSecurityException {
        return new Sealed(aead.encrypt(plaintext, associatedData(feedbackId)), primaryKeyId);
    }

    /** @throws GeneralSecurityException if the ciphertext was altered, belongs to another item or no key fits */
    byte[] open(byte[] ciphertext, String feedbackId) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData(feedbackId));
    }

    /** Seals with the primary key under the given associated data (other records than identities). */
    byte[] sealRaw(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        return aead.encrypt(plaintext, associatedData);
    }

    byte[] openRaw(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
    }

    int primaryKeyId() {
        return primaryKeyId;
    }

    boolean usesDevelopmentKey() {
        return keyIds.stream().anyMatch(DEVELOPMENT_KEY_IDS::contains);
    }

    private static byte[] associatedData(String feedbackId) {
        return feedbackId.getBytes(StandardCharsets.UTF_8);
    }

    /** A ciphertext and the id of the key that sealed it. */
    record Sealed(byte[] ciphertext, int keyId) {}
}
