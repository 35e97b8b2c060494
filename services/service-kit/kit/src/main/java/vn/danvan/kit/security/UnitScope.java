package vn.danvan.kit.security;

import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.web.ForbiddenException;
import vn.danvan.kit.web.NotFoundException;

/**
 * An officer acts only within their unit and its descendants (a province officer's scope covers its communes).
 * Outside it, a resource answers 404 exactly as if it did not exist.
 */
public class UnitScope {

    private final AdministrativeUnits units;

    public UnitScope(AdministrativeUnits units) {
        this.units = units;
    }

    public boolean covers(Officer officer, String unitCode) {
        return officer.unitCode() != null && unitCode != null && units.isWithin(unitCode, officer.unitCode());
    }

    /**
     * 404 problem unless the unit lies within the officer's scope; 403 for an account with no unit at all (a technical
     * role such as the demo {@code admin}): it has no scope anywhere, and a 404 told it the unit did not exist.
     */
    public void require(Officer officer, String unitCode) {
        if (officer.unitCode() == null) {
            throw new ForbiddenException(officer.id() + " has no unit: no scope");
        }
        if (!covers(officer, unitCode)) {
            throw new NotFoundException("unit " + unitCode + " outside the scope of " + officer.id());
        }
    }
}
