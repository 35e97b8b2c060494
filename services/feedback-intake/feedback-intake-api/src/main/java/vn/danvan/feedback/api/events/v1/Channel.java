package vn.danvan.feedback.api.events.v1;

/** How an item reached the platform. */
public enum Channel {
    WEB,
    APP,
    HOTLINE,
    /** đơn thư */
    LETTER,
    /** at a citizen-reception session (tiếp công dân) */
    RECEPTION,
    /** raised at a direct dialogue (đối thoại trực tiếp) */
    DIALOGUE,
    /** bulk import of letters received on paper */
    IMPORT
}
