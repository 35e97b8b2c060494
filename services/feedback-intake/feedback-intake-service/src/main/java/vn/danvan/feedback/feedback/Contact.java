package vn.danvan.feedback.feedback;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.danvan.feedback.text.PhoneNumber;

/**
 * How to reach the citizen: personal data, kept in the item only, never in events, logs or exports. Optional for
 * opinions and reports, required for complaints (name and a way to reach them).
 */
public record Contact(
        // a name of spaces is no name: a complaint that needs one would be accepted without it
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "{feedback.contact.blank}") String name,
        @Pattern(regexp = PhoneNumber.PATTERN, message = "{feedback.contact.phone.format}") String phone,
        @Email @Size(max = 254) String email,
        @Size(max = 300) String address) {

    public Contact {
        // stored in one form, so that the duplicate check's "same contact" and an officer's search match it
        phone = PhoneNumber.normalised(phone);
    }

    boolean canBeReached() {
        return (phone != null && !phone.isBlank())
                || (email != null && !email.isBlank())
                || (address != null && !address.isBlank());
    }

    /** Masked: contact details never reach a log line. */
    @Override
    public String toString() {
        return "Contact[***]";
    }
}
