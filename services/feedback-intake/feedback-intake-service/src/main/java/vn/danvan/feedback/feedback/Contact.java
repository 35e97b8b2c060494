package vn.danvan.feedback.feedback;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.danvan.feedback.text.Invisible;
import vn.danvan.feedback.text.PhoneNumber;
import vn.danvan.feedback.text.PlainText;
import vn.danvan.feedback.text.VisibleText;

/**
 * How to reach the citizen: personal data, kept in the item only, never in events, logs or exports. Optional for
 * opinions and reports, required for complaints (name and a way to reach them).
 */
public record Contact(
        // a name of spaces, or of zero-width characters, is no name: a complaint that needs one would be accepted
        // without it
        @Size(min = 1, max = 200)
                @Pattern(regexp = "(?s).*\\S.*", message = "{feedback.contact.blank}")
                @VisibleText
                @PlainText
                String name,
        @Pattern(regexp = PhoneNumber.PATTERN, message = "{feedback.contact.phone.format}") String phone,
        @Email @PlainText @Size(max = 254) String email,
        @PlainText(multiline = true) @Size(max = 300) String address) {

    public Contact {
        // stored in one form, so that the duplicate check's "same contact" and an officer's search match it
        phone = PhoneNumber.normalised(phone);
    }

    /** A phone, an e-mail or an address with something to read: one of only invisible characters reaches no one. */
    boolean canBeReached() {
        return !Invisible.only(phone) || !Invisible.only(email) || !Invisible.only(address);
    }

    /** Masked: contact details never reach a log line. */
    @Override
    public String toString() {
        return "Contact[***]";
    }
}
