package vn.danvan.kit.units;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class UnitsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, UnitsAutoConfiguration.class));

    record Report(
            @UnitCode String unit,
            @UnitCode(types = UnitType.COMMUNE) String commune,
            List<@UnitCode(types = {UnitType.PROVINCE, UnitType.AGENCY}) String> scope) {}

    @Test
    void bindsDeploymentUnitsAndValidatesCodesAgainstThem() {
        runner.withPropertyValues(
                        "danvan.units.extra[0].code=BDV-46",
                        "danvan.units.extra[0].name=Ban Dân vận Thành ủy Huế",
                        "danvan.units.extra[0].type=AGENCY",
                        "danvan.units.extra[0].parent=46",
                        "danvan.units.extra[1].code=H-474",
                        "danvan.units.extra[1].name=Quận Phú Xuân (cũ)",
                        "danvan.units.extra[1].type=DISTRICT",
                        "danvan.units.extra[1].parent=46",
                        "danvan.units.extra[1].communes=19753,19774")
                .run(context -> {
                    AdministrativeUnits units = context.getBean(AdministrativeUnits.class);
                    assertThat(units.provinces()).hasSize(34);
                    assertThat(units.find("BDV-46"))
                            .map(AdministrativeUnit::type)
                            .contains(UnitType.AGENCY);
                    assertThat(units.parentOf("19774"))
                            .map(AdministrativeUnit::code)
                            .contains("H-474");

                    Validator validator = context.getBean(Validator.class);
                    assertThat(validator.validate(new Report("BDV-46", "19753", List.of("46", "BDV-46"))))
                            .isEmpty();
                    assertThat(violations(validator, new Report(null, null, List.of())))
                            .as("absent codes are for @NotNull to judge")
                            .isEmpty();
                    assertThat(violations(validator, new Report("99999", "46", List.of("19753"))))
                            // the kit's texts by key: problems give them in the caller's language
                            .containsEntry("unit", "{danvan.unit-code.unknown}")
                            .containsEntry("commune", "{danvan.unit-code.wrong-type}")
                            .containsEntry("scope[0].<list element>", "{danvan.unit-code.wrong-type}");
                    // 00001 is an old commune code only (Phường Phúc Xá before 2025)
                    assertThat(violations(validator, new Report("00001", null, List.of())))
                            .containsOnlyKeys("unit");
                });
    }

    @Test
    void badUnitConfigurationFailsStartupWithTheReason() {
        runner.withPropertyValues(
                        "danvan.units.extra[0].code=BDV-99",
                        "danvan.units.extra[0].name=Ban Dân vận",
                        "danvan.units.extra[0].type=AGENCY",
                        "danvan.units.extra[0].parent=99")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("Cấu hình đơn vị không hợp lệ / invalid unit configuration")
                            .hasMessageContaining("danvan.units.extra[0] (BDV-99): "
                                    + "đơn vị cha '99' không tồn tại / unknown parent '99'");
                });
    }

    private static Map<String, String> violations(Validator validator, Report report) {
        return validator.validate(report).stream()
                .collect(Collectors.toMap(v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage));
    }
}
