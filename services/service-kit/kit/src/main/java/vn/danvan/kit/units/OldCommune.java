package vn.danvan.kit.units;

import java.util.List;

/**
 * A commune as it was before 1 July 2025, for history recorded against it. Its code is an old
 * code: many old codes are also the code of a different, new commune, so never look an old code
 * up as a current unit. Five old island districts without communes, which became special zones,
 * are listed here too under their 3-digit district codes.
 *
 * @param code the old code
 * @param name the old name
 * @param oldProvinceCode the code of the province it belonged to then
 * @param oldProvinceName that province's name then
 * @param successors the new communes it went into: one {@link MergeType#FULL} successor, or
 *     several {@link MergeType#PARTIAL} ones when it was split
 */
public record OldCommune(
        String code, String name, String oldProvinceCode, String oldProvinceName, List<Successor> successors) {

    /**
     * Whether the old commune was split between new communes, so that its history cannot be
     * attributed to a single new commune.
     */
    public boolean isSplit() {
        return successors.size() != 1 || successors.getFirst().type() == MergeType.PARTIAL;
    }
}
