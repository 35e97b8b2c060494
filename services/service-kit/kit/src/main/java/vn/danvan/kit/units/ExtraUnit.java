package vn.danvan.kit.units;

import java.util.List;

/**
 * A unit a deployment adds to the reference tree ({@code danvan.units.extra[...]}).
 *
 * @param code its code, unique among all current units and distinct from old commune codes
 * @param name its name
 * @param type {@link UnitType#AGENCY}, {@link UnitType#ORGANISATION} or {@link UnitType#DISTRICT}
 * @param parent the code of the unit it belongs to; a district belongs to a province
 * @param communes for a district only: the communes of its province that report through it
 */
public record ExtraUnit(String code, String name, UnitType type, String parent, List<String> communes) {

    public ExtraUnit {
        communes = communes == null ? List.of() : List.copyOf(communes);
    }
}
