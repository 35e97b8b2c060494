package vn.danvan.feedback.identity;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Fresh keysets for tests, in the form the configuration takes (base64 of the JSON keyset). */
final class TestKeysets {

    private TestKeysets() {}

    static KeysetHandle newKeyset() throws GeneralSecurityException {
        AeadConfig.register();
        return KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId()
                        .makePrimary())
                .build();
    }

    /** The keyset plus a new key that becomes the primary: the first step of a rotation. */
    static KeysetHandle withNewPrimary(KeysetHandle keyset) throws GeneralSecurityException {
        return KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId()
                        .makePrimary())
                .build();
    }

    /** Only the primary key of the keyset: the last step of a rotation, the old keys removed. */
    static KeysetHandle primaryOnly(KeysetHandle keyset) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (!builder.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        return builder.build();
    }

    static String base64(KeysetHandle keyset) throws GeneralSecurityException {
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static IdentityCipher cipher(KeysetHandle keyset) throws GeneralSecurityException {
        return IdentityCipher.fromBase64(base64(keyset));
    }
}
