package vn.danvan.feedback.feedback;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import vn.danvan.feedback.text.PlainText;
import vn.danvan.kit.units.UnitCode;
import vn.danvan.kit.units.UnitType;

/**
 * Where the matter is: the commune (required, it decides the default responsible unit), optionally an address and
 * coordinates.
 */
public record Location(
        @NotBlank @UnitCode(types = UnitType.COMMUNE) String communeCode,
        @PlainText(multiline = true) @Size(max = 300) String address,
        @DecimalMin("8.0") @DecimalMax("24.0") Double latitude,
        @DecimalMin("102.0") @DecimalMax("118.0") Double longitude) {}
