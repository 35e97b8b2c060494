package vn.danvan.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * danvan.identity.*: the issuer, token lifetime, signing key location, the dashboard client and the demo accounts.
 *
 * @param issuer the exact {@code iss} of every token; resource servers compare it as a string
 * @param accessTokenTtl lifetime of access tokens
 * @param keyDir where the signing key is kept across restarts; empty keeps it in memory only
 */
@ConfigurationProperties("danvan.identity")
public record IdentityProperties(
        String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        String keyDir,
        @DefaultValue Dashboard dashboard,
        List<Account> accounts) {

    /** The roles the platform knows; an account with any other role is a configuration mistake. */
    public static final Set<String> ROLES =
            Set.of("CITIZEN", "COMMUNE_OFFICER", "PROVINCE_OFFICER", "STEERING_COMMITTEE", "INSPECTOR", "ADMIN");

    public IdentityProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("danvan.identity.issuer is required");
        }
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        accounts.forEach(Account::validate);
        if (accounts.stream().map(Account::username).distinct().count() != accounts.size()) {
            throw new IllegalArgumentException("danvan.identity.accounts: usernames must be unique");
        }
    }

    public Map<String, Account> accountsByUsername() {
        return accounts.stream().collect(Collectors.toUnmodifiableMap(Account::username, Function.identity()));
    }

    /**
     * The statistics dashboard's public client (authorization code + PKCE).
     *
     * @param allowedOrigins browser origins that may call the token and key endpoints (CORS)
     */
    public record Dashboard(
            @DefaultValue("danvan-dashboard") String clientId, List<String> redirectUris, List<String> allowedOrigins) {

        public Dashboard {
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }

    /**
     * A demo account: a user of the login form and, under the same name and secret, a client-credentials client.
     *
     * @param unit administrative unit code of an officer; null for accounts without one
     */
    public record Account(String username, String password, List<String> roles, String unit) {

        public Account {
            roles = roles == null ? List.of() : List.copyOf(roles);
            unit = unit == null || unit.isBlank() ? null : unit;
        }

        void validate() {
            if (username == null || username.isBlank() || password == null || password.isBlank()) {
                throw new IllegalArgumentException("danvan.identity.accounts: username and password are required");
            }
            if (roles.isEmpty() || !ROLES.containsAll(roles)) {
                throw new IllegalArgumentException(
                        "danvan.identity.accounts[" + username + "]: roles " + roles + " must be among " + ROLES);
            }
        }
    }
}
