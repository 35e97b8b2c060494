package vn.danvan.feedback.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Seals an uploaded file kept while its import runs (a letter file may hold denouncers' identities) with the
 * vault's keys: the same authenticated encryption, bound to its import job. Such a file is deleted when the import
 * ends, so it is never resealed at a key rotation: retire a key only once no import started before it is running.
 */
public final class SealedUploads {

    private final IdentityCipher cipher;

    SealedUploads(IdentityCipher cipher) {
        this.cipher = cipher;
    }

    public byte[] seal(byte[] content, String jobId) {
        try {
            return cipher.sealRaw(content, associatedData(jobId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the upload of import " + jobId + " could not be sealed", e);
        }
    }

    /** @throws IllegalStateException if it was altered, belongs to another job or no key opens it */
    public byte[] open(byte[] sealed, String jobId) {
        try {
            return cipher.openRaw(sealed, associatedData(jobId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the upload of import " + jobId + " does not open", e);
        }
    }

    /** Apart from the identities' (a feedback id): neither opens as the other. */
    private static byte[] associatedData(String jobId) {
        return ("import-upload:" + jobId).getBytes(StandardCharsets.UTF_8);
    }
}
