package vn.danvan.feedback.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenouncerIdentityTest {

    private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
    private static final Validator validator = factory.getValidator();

    static DenouncerIdentity valid() {
        return new DenouncerIdentity(
                "Nguyễn Thị Hạnh",
                "001190012345",
                "Số 12 ngõ 34 phố Đội Cấn, phường Ba Đình, Hà Nội",
                "0912345678",
                List.of("scans/2026/0001-p1.png"));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void printsNoValueWhereverItIsLogged() {
        String printed = valid().toString() + " " + List.of(valid());

        assertThat(printed)
                .doesNotContain("Nguyễn", "Hạnh", "001190012345", "Đội Cấn", "0912345678", "scans/2026")
                .contains("1 hidden");
    }

    @Test
    void aValidIdentityPasses() {
        assertThat(validator.validate(valid())).isEmpty();
        assertThat(validator.validate(withIdAndPhone(null, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"001190012345", "123456789"})
    void acceptsCccdAndCmndNumbers(String idNumber) {
        assertThat(violatedFields(withIdAndPhone(idNumber, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "1234567890", "0011900123456", "00119001234A", " 001190012345"})
    void refusesOtherIdNumbers(String idNumber) {
        assertThat(violatedFields(withIdAndPhone(idNumber, null))).containsExactly("idNumber");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0912345678", "+84912345678", "0389999999", "02431234567", "+842363123456"})
    void acceptsVietnameseMobileAndLandlineNumbers(String phone) {
        assertThat(violatedFields(withIdAndPhone(null, phone))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0912 345 678", "0912.345.678", "0912-345-678", " 0912\u00A0345 678 ", "(091) 2345678"})
    void keepsANumberWrittenInGroupsAsItsDigits(String phone) {
        DenouncerIdentity identity = withIdAndPhone(null, phone);

        assertThat(violatedFields(identity)).isEmpty();
        assertThat(identity.phone()).isEqualTo("0912345678");
        assertThat(withIdAndPhone(null, "+84 236 3123 456").phone()).isEqualTo("+842363123456");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "912345678",
                "0112345678",
                "091234567",
                "09123456789",
                "0912 345 67",
                "+1 2025550123",
                "0912/345/678",
                " - "
            })
    void refusesOtherPhoneNumbers(String phone) {
        assertThat(violatedFields(withIdAndPhone(null, phone))).containsExactly("phone");
    }

    @Test
    void nameAndAddressAreRequiredAndBounded() {
        DenouncerIdentity blank = new DenouncerIdentity(" ", null, "", null, null);
        DenouncerIdentity tooLong = new DenouncerIdentity("a".repeat(201), null, "b".repeat(501), null, null);

        assertThat(violatedFields(blank)).containsExactlyInAnyOrder("fullName", "address");
        assertThat(violatedFields(tooLong)).containsExactlyInAnyOrder("fullName", "address");
        assertThat(violatedFields(new DenouncerIdentity("a".repeat(200), null, "b".repeat(500), null, null)))
                .isEmpty();
    }

    @Test
    void controlAndTextDirectionCharactersAreRefusedAndTheAddressMayRunOverLines() {
        DenouncerIdentity hidden = new DenouncerIdentity(
                "Nguyễn\u202EThị Hạnh", null, "Số 12\u0000 Đội Cấn", null, List.of("scans/\u2066a.png"));
        DenouncerIdentity onLines =
                new DenouncerIdentity("Nguyễn Thị Hạnh", null, "Số 12 ngõ 34\r\nphố Đội Cấn, Hà Nội", null, null);

        assertThat(violatedFields(hidden))
                .containsExactlyInAnyOrder("fullName", "address", "scanReferences[0].<list element>");
        assertThat(violatedFields(onLines)).isEmpty();
        assertThat(violatedFields(new DenouncerIdentity("Nguyễn\nThị Hạnh", null, "Phú Xuân", null, null)))
                .containsExactly("fullName");
    }

    @Test
    void scanReferencesAreBoundedAndNeverNull() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("scan-" + i);
        }
        DenouncerIdentity noScans = new DenouncerIdentity("A", null, "B", null, null);

        assertThat(noScans.scanReferences()).isEmpty();
        assertThat(violatedFields(new DenouncerIdentity("A", null, "B", null, many)))
                .containsExactly("scanReferences");
        assertThat(violatedFields(new DenouncerIdentity("A", null, "B", null, List.of(" "))))
                .containsExactly("scanReferences[0].<list element>");
    }

    private static DenouncerIdentity withIdAndPhone(String idNumber, String phone) {
        DenouncerIdentity base = valid();
        return new DenouncerIdentity(base.fullName(), idNumber, base.address(), phone, base.scanReferences());
    }

    private static Set<String> violatedFields(DenouncerIdentity identity) {
        return validator.validate(identity).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }
}
