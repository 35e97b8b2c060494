package vn.danvan.feedback.feedback;

/**
 * Why an item moves to another unit: a fixed list, so that the event and the reports carry a code, never an officer's
 * words (which may name a denouncer). The officer's explanation goes with it as a note kept in the item only. The
 * system's own transfer of a reopened complaint or denunciation to the resolver's superior has the code
 * {@code REOPENED_TO_SUPERIOR}, which is no officer's choice and so not in this list.
 */
public enum TransferReason {
    /** the matter is for another unit's authority (không thuộc thẩm quyền) */
    NOT_COMPETENT,
    /** the place it is about lies in another unit's area (sai địa bàn) */
    WRONG_AREA,
    /** a higher level must settle it, e.g. the province (thuộc thẩm quyền cấp trên) */
    HIGHER_LEVEL,
    /** a specialised agency handles such matters (cơ quan chuyên môn) */
    SPECIALISED_AGENCY,
    OTHER
}
