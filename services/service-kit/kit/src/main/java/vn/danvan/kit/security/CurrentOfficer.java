package vn.danvan.kit.security;

import java.util.Optional;
import vn.danvan.kit.web.ForbiddenException;
import vn.danvan.kit.web.UnauthenticatedException;

/**
 * The caller of the request being handled. Features ask only this interface, so that how the caller is known
 * (today: trusted headers set by the gateway; with the identity issue: validated JWTs) changes in one place.
 */
public interface CurrentOfficer {

    /** The caller, if the request carries one. */
    Optional<Officer> current();

    /** The caller; 401 problem if the request carries none. */
    default Officer required() {
        return current().orElseThrow(() -> new UnauthenticatedException("no caller on a request that needs one"));
    }

    /** The caller holding one of the roles; 401 without a caller, 403 without the role. */
    default Officer requireAny(Role... roles) {
        Officer officer = required();
        for (Role role : roles) {
            if (officer.has(role)) {
                return officer;
            }
        }
        throw new ForbiddenException("caller " + officer.id() + " lacks " + java.util.Arrays.toString(roles));
    }
}
