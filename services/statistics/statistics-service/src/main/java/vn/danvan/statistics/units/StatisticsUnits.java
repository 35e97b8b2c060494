package vn.danvan.statistics.units;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.danvan.kit.units.AdministrativeUnit;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.units.MergeType;
import vn.danvan.kit.units.Successor;
import vn.danvan.kit.units.UnitType;

/**
 * The unit tree as statistics sees it: the kit's {@link AdministrativeUnits} plus one "unattributed" bucket per
 * province for history of split communes, and the attribution of events recorded against old (pre-2025) communes.
 */
public class StatisticsUnits {

    /** Suffix of a province's bucket for events of split communes that name no successor. */
    public static final String UNATTRIBUTED = ":UNATTRIBUTED";

    /**
     * Suffix of the row of what a unit holds itself, beside its children's rows: a commune's item transferred to its
     * province is the province's own, in none of its communes.
     */
    public static final String OWN = ":OWN";

    /** The day the 2025 reorganisation took effect: codes written before it may be old communes' codes. */
    public static final LocalDate REORGANISED_ON = LocalDate.of(2025, 7, 1);

    private final AdministrativeUnits units;

    public StatisticsUnits(AdministrativeUnits units) {
        this.units = units;
    }

    public AdministrativeUnits tree() {
        return units;
    }

    /**
     * The unit an event is counted for, by the event's own date (the day it is counted on, in Vietnam). From
     * {@link #REORGANISED_ON} a current unit counts for itself. Before it a code is an old commune's whenever the merge
     * map knows it, even if a current unit has the same code today (many new communes took an old code, often
     * another commune's: old 23710 "Xã A Dơk" went into 23869, today's 23710 is "Xã Ia Băng"). An old commune counts
     * for its one successor when it went whole into it; when it was split, for the successor the event names (e.g.
     * the commune of the item's location) if one of {@code named} is a successor, else for its province's
     * unattributed bucket, never for two units. A code that is only an old commune's goes through the map whatever
     * the date (history imported late). Empty for a code that is neither a current unit nor an old commune.
     *
     * @param on the event's date; null is taken as after the reorganisation
     */
    public Optional<String> attribute(String unitCode, LocalDate on, String... named) {
        if (unitCode == null) {
            return Optional.empty();
        }
        if (isUnattributed(unitCode)) {
            return Optional.of(unitCode);
        }
        boolean before = on != null && on.isBefore(REORGANISED_ON);
        List<Successor> successors = units.successorsOf(unitCode);
        if (units.exists(unitCode) && (!before || successors.isEmpty())) {
            return Optional.of(unitCode);
        }
        if (successors.isEmpty()) {
            return Optional.empty();
        }
        if (successors.size() == 1 && successors.getFirst().type() == MergeType.FULL) {
            return Optional.of(successors.getFirst().communeCode());
        }
        for (String name : named) {
            if (name != null
                    && successors.stream().anyMatch(s -> s.communeCode().equals(name))) {
                return Optional.of(name);
            }
        }
        return units.provinceOf(successors.getFirst().communeCode()).map(p -> p.code() + UNATTRIBUTED);
    }

    /** The unit and every unit its figures roll up into, nearest first (the province last). */
    public List<String> chain(String unitCode) {
        List<String> chain = new ArrayList<>(4);
        chain.add(unitCode);
        if (isUnattributed(unitCode)) {
            chain.add(provinceOfBucket(unitCode));
        } else {
            units.ancestorsOf(unitCode).forEach(u -> chain.add(u.code()));
        }
        return chain;
    }

    public static boolean isUnattributed(String code) {
        return code != null && code.endsWith(UNATTRIBUTED);
    }

    /** The unit whose officers may see a code's items: a province's unattributed bucket is the province's. */
    public static String scopeOf(String code) {
        return isUnattributed(code) ? provinceOfBucket(code) : code;
    }

    static String provinceOfBucket(String code) {
        return code.substring(0, code.length() - UNATTRIBUTED.length());
    }

    /** A current unit or a province's unattributed bucket. */
    public Optional<UnitView> find(String code) {
        if (isUnattributed(code)) {
            String province = provinceOfBucket(code);
            return units.find(province)
                    .filter(p -> p.type() == UnitType.PROVINCE)
                    .map(p -> new UnitView(code, "Chưa phân bổ (xã bị chia tách)", "UNATTRIBUTED", province));
        }
        return units.find(code).map(UnitView::of);
    }

    /** The units directly below (the kit's order), for breakdowns and exports. */
    public List<UnitView> children(String code) {
        return units.childrenOf(code).stream().map(UnitView::of).toList();
    }

    /** The unit and every unit below it, each before its own children. */
    public List<String> subtree(String code) {
        List<String> all = new ArrayList<>();
        all.add(code);
        units.descendantsOf(code).forEach(u -> all.add(u.code()));
        if (units.find(code).map(u -> u.type() == UnitType.PROVINCE).orElse(false)) {
            all.add(code + UNATTRIBUTED);
        }
        return all;
    }

    /** Whether {@code code} is {@code ancestor} or lies below it (buckets lie below their province). */
    public boolean isWithin(String code, String ancestor) {
        if (code.equals(ancestor)) {
            return true;
        }
        if (isUnattributed(code)) {
            return provinceOfBucket(code).equals(ancestor);
        }
        return units.isWithin(code, ancestor);
    }

    /** A unit as the API shows it. */
    public record UnitView(String code, String name, String level, String parentCode) {

        static UnitView of(AdministrativeUnit unit) {
            return new UnitView(unit.code(), unit.name(), unit.type().name(), unit.parentCode());
        }
    }
}
