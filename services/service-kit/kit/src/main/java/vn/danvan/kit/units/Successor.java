package vn.danvan.kit.units;

/**
 * A new commune that (part of) an old commune became on 1 July 2025.
 *
 * @param communeCode the new commune's code
 * @param type whether the whole old commune went into it or only part of it
 */
public record Successor(String communeCode, MergeType type) {}
