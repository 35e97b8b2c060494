package vn.danvan.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RS256 signing key. Kept in a file so that tokens issued before a restart of the local stack stay valid; a new
 * key (new kid) is generated when the file is missing, which is also how to rotate it (docs/identity.md).
 */
final class SigningKeys {

    static final String FILE_NAME = "signing-key.jwk.json";

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {}

    /** The key in {@code dir}, created there at first use; an in-memory key when {@code dir} is null or blank. */
    static RSAKey loadOrCreate(String dir) {
        if (dir == null || dir.isBlank()) {
            log.info("Signing key kept in memory only (danvan.identity.key-dir is empty)");
            return generate();
        }
        Path file = Path.of(dir).resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
                log.info("Signing key {} read from {}", key.getKeyID(), file.toAbsolutePath());
                return key;
            }
            RSAKey key = generate();
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            restrictToOwner(temp);
            Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
            // atomic, so a stack stopped mid-write never leaves half a key behind
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Signing key {} generated and written to {}", key.getKeyID(), file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signing key in " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(
                    "unreadable signing key in " + file + "; delete it to generate a new one", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user's profile directory protects it
        }
    }
}
