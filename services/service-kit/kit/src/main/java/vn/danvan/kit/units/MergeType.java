package vn.danvan.kit.units;

/** How much of an old commune went into a new commune in the 2025 reorganisation. */
public enum MergeType {
    /** The whole old commune went into this new commune. */
    FULL,
    /** Only part of it did: the old commune was split between several new communes. */
    PARTIAL
}
