package vn.danvan.kit.units;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a deployment's extra units against the reference tree and merges them in. Every problem is
 * reported at once, each with the property that caused it, so that one failed start is enough to
 * fix the configuration.
 */
final class ExtraUnits {

    static final String PREFIX = "danvan.units.extra";

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<UnitType> CONFIGURABLE = Set.of(UnitType.AGENCY, UnitType.ORGANISATION, UnitType.DISTRICT);

    private ExtraUnits() {}

    /** All units of the tree: the reference provinces and communes, then the extra units. */
    static List<AdministrativeUnit> merge(ReferenceData data, List<ExtraUnit> extras) {
        Map<String, AdministrativeUnit> reference = new LinkedHashMap<>();
        data.provinces().forEach(u -> reference.put(u.code(), u));
        data.communes().forEach(u -> reference.put(u.code(), u));
        if (extras.isEmpty()) {
            return List.copyOf(reference.values());
        }
        Set<String> oldCodes = new HashSet<>();
        data.oldCommunes().forEach(o -> oldCodes.add(o.code()));

        List<String> problems = new ArrayList<>();
        Map<String, ExtraUnit> defined = new HashMap<>();
        for (int i = 0; i < extras.size(); i++) {
            ExtraUnit e = extras.get(i);
            String where = where(i, e);
            String code = e.code();
            if (code == null || !CODE.matcher(code).matches()) {
                problems.add(where + "mã không hợp lệ (chữ, số, '.', '_', '-'; tối đa 64 ký tự)"
                        + " / invalid code (letters, digits, '.', '_', '-'; at most 64 characters)");
            } else if (reference.containsKey(code)) {
                AdministrativeUnit clash = reference.get(code);
                problems.add(where + "mã trùng với " + clash.code() + " " + clash.name()
                        + " / code clashes with reference unit " + clash.code() + " " + clash.name());
            } else if (oldCodes.contains(code)) {
                problems.add(where + "mã trùng với mã xã cũ " + code + " / code clashes with old commune code " + code);
            } else if (defined.putIfAbsent(code, e) != null) {
                problems.add(where + "mã đã được khai báo / code defined twice");
            }
            if (e.name() == null || e.name().isBlank()) {
                problems.add(where + "thiếu tên / missing name");
            }
            if (e.type() == null) {
                problems.add(where + "thiếu loại / missing type");
            } else if (!CONFIGURABLE.contains(e.type())) {
                problems.add(
                        where + "loại " + e.type() + " không khai báo thêm được, chỉ AGENCY, ORGANISATION, DISTRICT"
                                + " / type " + e.type() + " cannot be added, only AGENCY, ORGANISATION or DISTRICT");
            }
        }

        Map<String, String> districtOf = new HashMap<>();
        for (int i = 0; i < extras.size(); i++) {
            ExtraUnit e = extras.get(i);
            String where = where(i, e);
            UnitType parentType = typeOf(e.parent(), reference, defined);
            if (e.parent() == null || e.parent().isBlank()) {
                problems.add(where + "thiếu đơn vị cha / missing parent");
            } else if (parentType == null) {
                problems.add(
                        where + "đơn vị cha '" + e.parent() + "' không tồn tại / unknown parent '" + e.parent() + "'");
            } else if (e.type() == UnitType.DISTRICT && parentType != UnitType.PROVINCE) {
                problems.add(where + "huyện phải trực thuộc một tỉnh / a district's parent must be a province");
            }
            if (e.type() != UnitType.DISTRICT && !e.communes().isEmpty()) {
                problems.add(where + "chỉ huyện mới liệt kê xã / only a DISTRICT lists communes");
                continue;
            }
            for (String commune : e.communes()) {
                AdministrativeUnit c = commune == null ? null : reference.get(commune);
                if (c == null || c.type() != UnitType.COMMUNE) {
                    problems.add(where + "xã '" + commune + "' không tồn tại / unknown commune '" + commune + "'");
                } else if (!c.parentCode().equals(e.parent())) {
                    problems.add(where + c.code() + " " + c.name() + " không thuộc tỉnh " + e.parent() + " / commune "
                            + c.code() + " is not in province " + e.parent());
                } else {
                    String other = districtOf.putIfAbsent(c.code(), e.code());
                    if (other != null) {
                        problems.add(where + c.code() + " " + c.name() + " đã thuộc huyện " + other + " / commune "
                                + c.code() + " already belongs to district " + other);
                    }
                }
            }
        }
        for (int i = 0; i < extras.size(); i++) {
            if (inCycle(extras.get(i), defined)) {
                problems.add(where(i, extras.get(i))
                        + "đơn vị cha lặp vòng, không dẫn tới tỉnh / parents form a cycle, never reaching a province");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Cấu hình đơn vị không hợp lệ / invalid unit configuration:\n  " + String.join("\n  ", problems));
        }

        List<AdministrativeUnit> all = new ArrayList<>(reference.size() + extras.size());
        for (AdministrativeUnit u : reference.values()) {
            String district = districtOf.get(u.code());
            all.add(district == null ? u : new AdministrativeUnit(u.code(), u.name(), u.type(), district));
        }
        extras.forEach(e -> all.add(new AdministrativeUnit(e.code(), e.name().strip(), e.type(), e.parent())));
        return all;
    }

    private static String where(int index, ExtraUnit e) {
        return PREFIX + "[" + index + "]" + (e.code() == null ? "" : " (" + e.code() + ")") + ": ";
    }

    private static UnitType typeOf(
            String code, Map<String, AdministrativeUnit> reference, Map<String, ExtraUnit> defined) {
        if (code == null) {
            return null;
        }
        AdministrativeUnit unit = reference.get(code);
        if (unit != null) {
            return unit.type();
        }
        ExtraUnit extra = defined.get(code);
        return extra == null ? null : extra.type();
    }

    private static boolean inCycle(ExtraUnit start, Map<String, ExtraUnit> defined) {
        Set<String> seen = new HashSet<>();
        for (ExtraUnit e = start; e != null; e = e.parent() == null ? null : defined.get(e.parent())) {
            if (!seen.add(e.code())) {
                return true;
            }
        }
        return false;
    }
}
