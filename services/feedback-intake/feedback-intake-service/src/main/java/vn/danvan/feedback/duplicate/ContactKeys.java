package vn.danvan.feedback.duplicate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash of a citizen's phone number or e-mail address: equal contacts give equal keys, but the key cannot be
 * turned back into the contact (a plain hash of a phone number can, by trying all numbers), so no contact is stored
 * with the fingerprints.
 */
final class ContactKeys {

    static final int MIN_SECRET_LENGTH = 32;

    private final SecretKeySpec key;

    private ContactKeys(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    static ContactKeys withSecret(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("danvan.feedback.duplicates.contact-key-secret must be at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        return new ContactKeys(secret.getBytes(StandardCharsets.UTF_8));
    }

    static ContactKeys withRandomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new ContactKeys(secret);
    }

    /** The key of a contact, or null when there is no usable contact (anonymous or blank). */
    String keyOf(String phoneOrEmail) {
        String contact = normaliseContact(phoneOrEmail);
        return contact == null ? null : digestOf(contact);
    }

    /** HMAC-SHA256 of any text under the same secret: nothing stored can be checked against a guess without it. */
    String digestOf(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * One spelling per contact: e-mail addresses lower-cased; Vietnamese phone numbers as the domestic 0xxxxxxxxx
     * whether written +84 91..., 0084 91..., 84 91... or 091-..., with any spaces, dots or dashes.
     */
    static String normaliseContact(String phoneOrEmail) {
        if (phoneOrEmail == null) {
            return null;
        }
        String contact =
                Normalizer.normalize(phoneOrEmail, Normalizer.Form.NFKC).strip();
        if (contact.isEmpty()) {
            return null;
        }
        if (contact.indexOf('@') >= 0) {
            return contact.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        }
        String digits = contact.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return null;
        }
        if (digits.startsWith("0084")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("84") && digits.length() >= 11) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0")) {
            digits = digits.substring(1);
        }
        return "0" + digits;
    }
}
