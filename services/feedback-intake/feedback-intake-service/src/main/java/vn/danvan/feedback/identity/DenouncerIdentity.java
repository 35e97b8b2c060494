package vn.danvan.feedback.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import vn.danvan.feedback.text.PhoneNumber;
import vn.danvan.feedback.text.PlainText;
import vn.danvan.feedback.text.VisibleText;

/**
 * Who denounced (Luật Tố cáo 2018, Art. 9 and 23): kept only sealed in the {@link IdentityVault}, never in the
 * feedback item, its events, logs, exports or statistics. The constraints are the ones an intake API should apply.
 *
 * <p>{@link #toString()} masks every value, so an identity that ends up in a log line or an exception message by
 * mistake still discloses nothing.
 *
 * @param fullName the denouncer's name as written, required
 * @param idNumber citizen identity card (CCCD, 12 digits) or old identity card (CMND, 9 digits), when given
 * @param address where the denouncer can be reached, required by law for a denunciation
 * @param phone Vietnamese mobile or landline number ({@code 0912345678}, {@code +84912345678},
 *     {@code 02431234567}; spaces, dots, hyphens and brackets between the digits are dropped), when given
 * @param scanReferences references to stored scans of the letter and handwriting (never the scans themselves)
 */
public record DenouncerIdentity(
        @NotBlank @VisibleText @PlainText @Size(max = 200) String fullName,
        @Pattern(regexp = ID_NUMBER) String idNumber,
        @NotBlank @VisibleText @PlainText(multiline = true) @Size(max = 500) String address,
        @Pattern(regexp = PHONE, message = "{feedback.denouncer.phone.format}") String phone,
        @Size(max = 20) List<@NotBlank @PlainText @Size(max = 300) String> scanReferences) {

    /** CCCD (12 digits) or CMND (9 digits). */
    public static final String ID_NUMBER = "\\d{9}|\\d{12}";

    /** {@link PhoneNumber#PATTERN}: the same rule as a citizen's contact. */
    public static final String PHONE = PhoneNumber.PATTERN;

    public DenouncerIdentity {
        phone = PhoneNumber.normalised(phone);
        scanReferences = scanReferences == null ? List.of() : List.copyOf(scanReferences);
    }

    @Override
    public String toString() {
        return "DenouncerIdentity[fullName=***, idNumber=***, address=***, phone=***, scanReferences="
                + scanReferences.size() + " hidden]";
    }
}
