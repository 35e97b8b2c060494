package vn.danvan.feedback.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.danvan.kit.units.AdministrativeUnit;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.units.UnitType;

/**
 * Who is responsible for an item: by default the commune it is about; a routing rule can send a category to an
 * agency (a deployment-defined unit) instead. A province-specific rule wins over a general one.
 */
@Component
class Routing {

    private final AdministrativeUnits units;
    private final List<FeedbackProperties.RoutingRule> rules;

    Routing(AdministrativeUnits units, FeedbackProperties properties) {
        this.units = units;
        this.rules = properties.routing();
        for (FeedbackProperties.RoutingRule rule : rules) {
            if (!units.exists(rule.unit())) {
                throw new IllegalStateException(
                        "danvan.feedback.routing: unknown unit " + rule.unit() + " / đơn vị không tồn tại");
            }
        }
    }

    String responsibleUnit(String category, String communeCode) {
        String province =
                units.provinceOf(communeCode).map(AdministrativeUnit::code).orElse(null);
        String general = null;
        for (FeedbackProperties.RoutingRule rule : rules) {
            if (!rule.category().equals(category)) {
                continue;
            }
            if (rule.province() != null && rule.province().equals(province)) {
                return rule.unit();
            }
            if (rule.province() == null && general == null) {
                general = rule.unit();
            }
        }
        return general != null ? general : communeCode;
    }

    /**
     * Who handles a complaint or denunciation reopened against this unit's resolution: the unit directly above a
     * commune or a district in the administrative tree (the province; a district where a deployment keeps them).
     * Empty for a province, whose superior (a ministry, the Government Inspectorate) is outside the platform, and for
     * a deployment's agency or organisation, which the tree places under a province for scope only.
     */
    Optional<String> superiorOf(String unitCode) {
        Optional<AdministrativeUnit> unit = units.find(unitCode);
        if (unit.isEmpty()
                || (unit.get().type() != UnitType.COMMUNE && unit.get().type() != UnitType.DISTRICT)) {
            return Optional.empty();
        }
        return units.parentOf(unitCode).map(AdministrativeUnit::code);
    }

    /** The unit and its ancestors, province first. */
    List<String> scopePath(String unitCode) {
        List<String> path = new ArrayList<>();
        units.ancestorsOf(unitCode).forEach(u -> path.add(u.code()));
        path.add(unitCode);
        return path;
    }
}
