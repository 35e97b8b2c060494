package vn.danvan.kit.security;

/** Who may do what on the platform (DOMAIN.md); officers' roles apply within their unit's subtree. */
public enum Role {
    /** A signed-in citizen. */
    CITIZEN,
    COMMUNE_OFFICER,
    PROVINCE_OFFICER,
    /** Evaluates and recognises mobilization models. */
    STEERING_COMMITTEE,
    /** May read a denouncer's identity; every read is audited. */
    INSPECTOR,
    /** Rebuilds, configuration. */
    ADMIN
}
