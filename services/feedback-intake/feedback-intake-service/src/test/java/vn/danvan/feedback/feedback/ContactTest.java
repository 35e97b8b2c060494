package vn.danvan.feedback.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A contact that shows nothing to read, or hides what it says, reaches no one and is refused. */
class ContactTest {

    private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
    private static final Validator validator = factory.getValidator();

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aContactOfOnlyInvisibleCharactersCannotBeReached() {
        assertThat(new Contact("Nguyễn Văn An", null, null, "\u0000").canBeReached())
                .isFalse();
        assertThat(new Contact("Nguyễn Văn An", null, " ", "\u200B\uFEFF").canBeReached())
                .isFalse();
        assertThat(new Contact("Nguyễn Văn An", null, null, null).canBeReached())
                .isFalse();

        assertThat(new Contact("Nguyễn Văn An", null, null, "Kiệt 5 Kim Long").canBeReached())
                .isTrue();
        assertThat(new Contact(null, "0912 345 678", null, null).canBeReached()).isTrue();
        assertThat(new Contact(null, null, "an@example.vn", null).canBeReached())
                .isTrue();
    }

    @Test
    void controlAndTextDirectionCharactersAreRefusedInTheNameEmailAndAddress() {
        assertThat(violations(new Contact("\u202E\u0000 x", null, null, "\u0000")))
                .containsExactlyInAnyOrder(
                        "name " + vn.danvan.feedback.text.PlainText.Validator.template(0x202E),
                        "name " + vn.danvan.feedback.text.PlainText.Validator.template(0x0000),
                        "address " + vn.danvan.feedback.text.PlainText.Validator.template(0x0000));
        assertThat(violations(new Contact("Nguyễn Văn An", null, "an\u202E@example.vn", null)))
                .contains("email " + vn.danvan.feedback.text.PlainText.Validator.template(0x202E));
        // a name is one line; an address is written over several, as on an envelope
        assertThat(violations(new Contact("Nguyễn\nVăn An", null, null, "Số 12, kiệt 5\nKim Long, Huế")))
                .containsExactly("name " + vn.danvan.feedback.text.PlainText.Validator.template(0x000A));
    }

    @Test
    void aNameOfOnlyZeroWidthCharactersIsBlank() {
        assertThat(violations(new Contact("\u200B\u2060", "0912345678", null, null)))
                .containsExactly("name {feedback.text.invisible}");
        assertThat(violations(new Contact("Nguyễn Văn An", "0912345678", null, null)))
                .isEmpty();
    }

    private static List<String> violations(Contact contact) {
        return validator.validate(contact).stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessageTemplate())
                .toList();
    }
}
