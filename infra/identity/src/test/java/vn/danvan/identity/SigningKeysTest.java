package vn.danvan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @Test
    void theKeySurvivesARestart(@TempDir Path dir) throws Exception {
        RSAKey first = SigningKeys.loadOrCreate(dir.resolve("identity").toString());
        RSAKey second = SigningKeys.loadOrCreate(dir.resolve("identity").toString());

        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(second.toRSAPrivateKey()).isEqualTo(first.toRSAPrivateKey());
        assertThat(first.size()).isEqualTo(2048);
        Path file = dir.resolve("identity").resolve(SigningKeys.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void withoutADirectoryEachStartHasANewKey() {
        assertThat(SigningKeys.loadOrCreate("").getKeyID())
                .isNotEqualTo(SigningKeys.loadOrCreate(null).getKeyID());
    }
}
