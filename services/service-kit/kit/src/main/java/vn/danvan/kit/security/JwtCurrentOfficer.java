package vn.danvan.kit.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller as the validated JWT names them (docs/identity.md): {@code sub}, {@code unit} and {@code roles}.
 * Role names the platform does not know (an identity provider's own, such as Keycloak's
 * {@code offline_access}) are ignored rather than refused: they grant nothing here.
 */
final class JwtCurrentOfficer implements CurrentOfficer {

    static final String UNIT_CLAIM = "unit";
    static final String ROLES_CLAIM = "roles";

    @Override
    public Optional<Officer> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        Jwt jwt = token.getToken();
        String unit = jwt.getClaimAsString(UNIT_CLAIM);
        return Optional.of(new Officer(jwt.getSubject(), unit == null || unit.isBlank() ? null : unit, roles(jwt)));
    }

    static Set<Role> roles(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> names = jwt.hasClaim(ROLES_CLAIM) ? jwt.getClaimAsStringList(ROLES_CLAIM) : List.of();
        for (String name : names == null ? List.<String>of() : names) {
            try {
                roles.add(Role.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                // not one of ours
            }
        }
        return roles;
    }
}
