package vn.danvan.kit.security;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller acting for a unit.
 *
 * @param id stable subject id (never a name: it goes into timelines and audit logs)
 * @param unitCode the unit the caller acts for; their scope is that unit and its descendants
 * @param roles what they may do there
 */
public record Officer(String id, String unitCode, Set<Role> roles) {

    public Officer {
        Objects.requireNonNull(id, "id");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
