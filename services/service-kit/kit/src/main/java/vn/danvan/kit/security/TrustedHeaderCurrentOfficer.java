package vn.danvan.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.danvan.kit.web.UnauthenticatedException;

/**
 * Reads the caller from headers the gateway sets ({@code X-Danvan-Officer}, {@code X-Danvan-Unit},
 * {@code X-Danvan-Roles}, comma-separated). A stopgap until the identity issue replaces it with JWT validation in
 * every service: it trusts whoever can reach the service, so it must run only behind the gateway on a private
 * network. Unknown role names are a 401, not silently dropped.
 */
final class TrustedHeaderCurrentOfficer implements CurrentOfficer {

    static final String OFFICER = "X-Danvan-Officer";
    static final String UNIT = "X-Danvan-Unit";
    static final String ROLES = "X-Danvan-Roles";

    @Override
    public Optional<Officer> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return Optional.empty();
        }
        HttpServletRequest request = servlet.getRequest();
        String id = request.getHeader(OFFICER);
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String header = request.getHeader(ROLES);
        if (header != null) {
            for (String name : header.split(",")) {
                if (!name.isBlank()) {
                    try {
                        roles.add(Role.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new UnauthenticatedException("unknown role in " + ROLES);
                    }
                }
            }
        }
        String unit = request.getHeader(UNIT);
        return Optional.of(new Officer(id.trim(), unit == null ? null : unit.trim(), roles));
    }
}
