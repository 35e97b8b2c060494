package vn.danvan.kit.units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The administrative unit tree (34 provinces and 3,321 communes since 1 July 2025, plus a
 * deployment's own districts, agencies and organisations) and the history of the old communes
 * merged into the new ones. Immutable and thread-safe; loaded once per application and used on
 * hot paths, so lookups are hash lookups and short walks up the tree.
 *
 * <p>Current codes and old codes are separate code spaces: most new commune codes are also the
 * code of an old commune (often a different one), so the lookups for current units never answer
 * for old codes, and the old-commune lookups never answer for current units. Unknown or
 * {@code null} codes give empty results, never exceptions.
 */
public final class AdministrativeUnits {

    private final Map<String, Node> units;
    private final List<AdministrativeUnit> provinces;
    private final Map<String, OldCommune> oldCommunes;
    private final Map<String, List<OldCommune>> predecessors;

    /** Loads the reference tree without any deployment-defined unit. */
    public static AdministrativeUnits load() {
        return load(List.of());
    }

    /**
     * Loads the reference tree and adds a deployment's units to it.
     *
     * @throws IllegalArgumentException listing every problem if an extra unit does not fit the tree
     */
    public static AdministrativeUnits load(List<ExtraUnit> extra) {
        return new AdministrativeUnits(ReferenceData.read(), extra);
    }

    private AdministrativeUnits(ReferenceData data, List<ExtraUnit> extra) {
        List<AdministrativeUnit> all = ExtraUnits.merge(data, extra);
        Map<String, Node> nodes = HashMap.newHashMap(all.size());
        for (AdministrativeUnit unit : all) {
            nodes.put(unit.code(), new Node(unit));
        }
        // children in reference (code) order, then configuration order, grouped by type
        for (AdministrativeUnit unit : all) {
            if (unit.parentCode() != null) {
                Node node = nodes.get(unit.code());
                node.parent = nodes.get(unit.parentCode());
                if (node.parent.building == null) {
                    node.parent.building = new ArrayList<>();
                }
                node.parent.building.add(unit);
            }
        }
        for (Node node : nodes.values()) {
            Node province = node;
            while (province.parent != null) {
                province = province.parent;
            }
            node.province = province;
            if (node.building == null) {
                node.children = List.of();
            } else {
                node.building.sort(Comparator.comparing(AdministrativeUnit::type));
                node.children = List.copyOf(node.building);
                node.building = null;
            }
        }
        this.units = nodes;
        this.provinces = data.provinces();

        Map<String, OldCommune> old = HashMap.newHashMap(data.oldCommunes().size());
        Map<String, List<OldCommune>> mergedInto =
                HashMap.newHashMap(data.communes().size());
        for (OldCommune commune : data.oldCommunes()) {
            old.put(commune.code(), commune);
            for (Successor successor : commune.successors()) {
                mergedInto
                        .computeIfAbsent(successor.communeCode(), k -> new ArrayList<>(4))
                        .add(commune);
            }
        }
        mergedInto.replaceAll((code, list) -> List.copyOf(list));
        this.oldCommunes = old;
        this.predecessors = mergedInto;
    }

    /** The current unit with this code. */
    public Optional<AdministrativeUnit> find(String code) {
        Node node = node(code);
        return node == null ? Optional.empty() : Optional.of(node.unit);
    }

    /** Whether a current unit has this code. */
    public boolean exists(String code) {
        return node(code) != null;
    }

    /** The unit this one belongs to; empty for a province or an unknown code. */
    public Optional<AdministrativeUnit> parentOf(String code) {
        Node node = node(code);
        return node == null || node.parent == null ? Optional.empty() : Optional.of(node.parent.unit);
    }

    /**
     * The units directly below this one, grouped by type (districts, communes, agencies,
     * organisations); a province's communes come in code order.
     */
    public List<AdministrativeUnit> childrenOf(String code) {
        Node node = node(code);
        return node == null ? List.of() : node.children;
    }

    /** Every unit below this one, each before its own children. */
    public List<AdministrativeUnit> descendantsOf(String code) {
        Node node = node(code);
        if (node == null) {
            return List.of();
        }
        List<AdministrativeUnit> found = new ArrayList<>();
        collect(node.children, found);
        return List.copyOf(found);
    }

    private void collect(List<AdministrativeUnit> children, List<AdministrativeUnit> found) {
        for (AdministrativeUnit child : children) {
            found.add(child);
            collect(units.get(child.code()).children, found);
        }
    }

    /** The units above this one, nearest first, ending with its province. */
    public List<AdministrativeUnit> ancestorsOf(String code) {
        Node node = node(code);
        if (node == null || node.parent == null) {
            return List.of();
        }
        List<AdministrativeUnit> found = new ArrayList<>(3);
        for (Node up = node.parent; up != null; up = up.parent) {
            found.add(up.unit);
        }
        return List.copyOf(found);
    }

    /**
     * Whether a unit lies within another: the unit itself or one of its ancestors is the other. An
     * officer of {@code ancestorCode} may act for {@code code} exactly when this holds. False when
     * either code is unknown.
     */
    public boolean isWithin(String code, String ancestorCode) {
        Node node = node(code);
        Node ancestor = node(ancestorCode);
        if (node == null || ancestor == null) {
            return false;
        }
        for (Node up = node; up != null; up = up.parent) {
            if (up == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The province a unit lies within; a province is its own. */
    public Optional<AdministrativeUnit> provinceOf(String code) {
        Node node = node(code);
        return node == null ? Optional.empty() : Optional.of(node.province.unit);
    }

    /** The 34 provinces, in code order. */
    public List<AdministrativeUnit> provinces() {
        return provinces;
    }

    /** A commune as it was before 1 July 2025, looked up by its old code. */
    public Optional<OldCommune> findOldCommune(String oldCode) {
        return oldCode == null ? Optional.empty() : Optional.ofNullable(oldCommunes.get(oldCode));
    }

    /**
     * The new communes an old commune went into: one {@link MergeType#FULL} successor, or several
     * {@link MergeType#PARTIAL} ones when it was split (its history cannot then be attributed to one
     * new commune). Empty for an unknown old code.
     */
    public List<Successor> successorsOf(String oldCode) {
        OldCommune old = oldCode == null ? null : oldCommunes.get(oldCode);
        return old == null ? List.of() : old.successors();
    }

    /** The old communes (wholly or partly) merged into a new commune, in old code order. */
    public List<OldCommune> predecessorsOf(String communeCode) {
        return communeCode == null ? List.of() : predecessors.getOrDefault(communeCode, List.of());
    }

    private Node node(String code) {
        return code == null ? null : units.get(code);
    }

    @Override
    public String toString() {
        return "AdministrativeUnits[" + units.size() + " units, " + oldCommunes.size() + " old communes]";
    }

    private static final class Node {
        final AdministrativeUnit unit;
        Node parent;
        Node province;
        List<AdministrativeUnit> children;
        List<AdministrativeUnit> building;

        Node(AdministrativeUnit unit) {
            this.unit = unit;
        }
    }
}
