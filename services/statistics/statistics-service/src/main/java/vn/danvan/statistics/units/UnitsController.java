package vn.danvan.statistics.units;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.statistics.units.StatisticsUnits.UnitView;

/**
 * The current unit tree for dashboards' pickers: the 34 provinces, then each unit's children (communes,
 * and the districts, agencies and organisations a deployment configures). Public reference data, shown as the
 * statistics responses show their units ({@link UnitView}); only current units, no unattributed buckets.
 */
@RestController
@RequestMapping("/api/v1/units")
class UnitsController {

    private final AdministrativeUnits units;

    UnitsController(AdministrativeUnits units) {
        this.units = units;
    }

    /** The 34 provinces and centrally-run cities, in code order. */
    @Operation(summary = "The 34 provinces and centrally-run cities, in code order")
    @GetMapping
    List<UnitView> provinces() {
        return units.provinces().stream().map(UnitView::of).toList();
    }

    @Operation(summary = "A current unit by its code (404 problem naming `code` for an unknown or pre-2025 code)")
    @GetMapping("/{code}")
    UnitView unit(@PathVariable String code) {
        return units.find(code).map(UnitView::of).orElseThrow(() -> unknown(code));
    }

    /** The units directly below one, grouped by type (districts, communes, agencies, organisations). */
    @Operation(summary = "The units directly below a unit: districts, communes, agencies, organisations")
    @GetMapping("/{code}/children")
    List<UnitView> children(@PathVariable String code) {
        if (!units.exists(code)) {
            throw unknown(code);
        }
        return units.childrenOf(code).stream().map(UnitView::of).toList();
    }

    /** The 404 names the path parameter, {@code code}. */
    private static UnknownUnitException unknown(String code) {
        return new UnknownUnitException("code", code);
    }
}
