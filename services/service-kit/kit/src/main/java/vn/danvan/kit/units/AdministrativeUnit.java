package vn.danvan.kit.units;

/**
 * A unit of the current tree.
 *
 * @param code its code: the statistics office code for provinces (2 digits) and communes (5 digits),
 *     the configured code for the others
 * @param name its name as published (Vietnamese, Unicode NFC)
 * @param type its kind
 * @param parentCode the code of the unit it belongs to; {@code null} for a province
 */
public record AdministrativeUnit(String code, String name, UnitType type, String parentCode) {}
