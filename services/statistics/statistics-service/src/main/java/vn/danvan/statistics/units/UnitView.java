package vn.danvan.statistics.units;

import vn.danvan.kit.units.AdministrativeUnit;

/**
 * A unit as the units API and the dashboard's pickers show it.
 *
 * @param code the unit's code
 * @param name its published name (Vietnamese)
 * @param level PROVINCE, DISTRICT, COMMUNE, AGENCY or ORGANISATION
 * @param parentCode the unit it belongs to; {@code null} for a province
 */
record UnitView(String code, String name, String level, String parentCode) {

    static UnitView of(AdministrativeUnit unit) {
        return new UnitView(unit.code(), unit.name(), unit.type().name(), unit.parentCode());
    }
}
