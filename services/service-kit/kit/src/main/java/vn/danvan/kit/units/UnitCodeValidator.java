package vn.danvan.kit.units;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks {@link UnitCode}; created by Spring's constraint validator factory, which injects the units. */
final class UnitCodeValidator implements ConstraintValidator<UnitCode, CharSequence> {

    private final AdministrativeUnits units;
    private Set<UnitType> types;
    private String wrongTypeMessage;

    UnitCodeValidator(AdministrativeUnits units) {
        this.units = units;
    }

    @Override
    public void initialize(UnitCode annotation) {
        types = annotation.types().length == 0
                ? EnumSet.allOf(UnitType.class)
                : EnumSet.copyOf(List.of(annotation.types()));
        wrongTypeMessage = annotation.wrongTypeMessage();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Optional<AdministrativeUnit> unit = units.find(value.toString());
        if (unit.isEmpty()) {
            return false;
        }
        if (types.contains(unit.get().type())) {
            return true;
        }
        // the template holds only annotation attributes, never the user's input
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(wrongTypeMessage).addConstraintViolation();
        return false;
    }
}
