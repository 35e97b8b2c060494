package vn.danvan.identity;

import static org.springframework.security.config.Customizer.withDefaults;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The authorization server: endpoints, clients, demo users, and the token contract (docs/identity.md): RS256 JWT
 * access tokens with iss, aud [danvan-api], sub (the username), roles and, for officers, unit.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    static final String AUDIENCE = "danvan-api";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // the dashboard exchanges its code from the browser
                .cors(withDefaults())
                // a browser sent to /oauth2/authorize without a session logs in first; anything else gets a 401
                // (a lone entry point would apply to every request, sending scripts to the login form)
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers())
                        .defaultAuthenticationEntryPointFor(
                                new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /** Requests that ask for HTML; a request without Accept (curl, scripts) is no browser. */
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/error", "/login")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        // fixed, not derived from the request: tokens carry exactly this iss however the server was reached
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKeys.loadOrCreate(properties.keyDir())));
    }

    /**
     * Spring's Nimbus encoder writes a single audience as a string; the contract promises a JSON array, which some
     * clients (and our tests) rely on, so tokens are encoded here.
     */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
        return new ArrayAudienceJwtEncoder(keys);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Demo accounts only, hashed at start; cost 4 because their passwords are public and start time counts. */
    private static String hash(String password) {
        return "{bcrypt}" + new BCryptPasswordEncoder(4).encode(password);
    }

    @Bean
    UserDetailsService users(IdentityProperties properties) {
        return new InMemoryUserDetailsManager(properties.accounts().stream()
                .map(account -> User.withUsername(account.username())
                        .password(hash(account.password()))
                        .roles(account.roles().toArray(String[]::new))
                        .build())
                .toList());
    }

    @Bean
    RegisteredClientRepository clients(IdentityProperties properties) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.accessTokenTtl())
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        List<RegisteredClient> clients = new ArrayList<>();
        // scripts: one confidential client per account, so a token is one curl away and carries that account's claims
        for (IdentityProperties.Account account : properties.accounts()) {
            clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(account.username())
                    .clientSecret(hash(account.password()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(tokens)
                    .build());
        }
        IdentityProperties.Dashboard dashboard = properties.dashboard();
        if (!dashboard.redirectUris().isEmpty()) {
            clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(dashboard.clientId())
                    // public: a page in the browser cannot keep a secret; PKCE protects the code instead
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUris(uris -> uris.addAll(dashboard.redirectUris()))
                    // signing out of the dashboard ends the session here too (RP-initiated logout) and comes back:
                    // otherwise the next "sign in" on a shared office computer is the previous officer's, silently
                    .postLogoutRedirectUris(uris -> uris.addAll(dashboard.redirectUris()))
                    .scope(OidcScopes.OPENID)
                    .clientSettings(ClientSettings.builder()
                            .requireProofKey(true)
                            .requireAuthorizationConsent(false)
                            .build())
                    .tokenSettings(tokens)
                    .build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * The claim contract. The principal is the user for the authorization code grant and the client for client
     * credentials; both are named after the account.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenContract(IdentityProperties properties) {
        Map<String, IdentityProperties.Account> accounts = properties.accountsByUsername();
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            IdentityProperties.Account account =
                    accounts.get(context.getPrincipal().getName());
            context.getClaims().audience(List.of(AUDIENCE));
            if (account == null) {
                return; // a client that is no account (none today): no roles, so the APIs grant it nothing
            }
            context.getClaims().subject(account.username()).claim("roles", account.roles());
            if (account.unit() != null) {
                context.getClaims().claim("unit", account.unit());
            }
        };
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.dashboard().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : List.of(
                "/oauth2/token",
                "/oauth2/jwks",
                "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server")) {
            source.registerCorsConfiguration(path, cors);
        }
        return source;
    }
}
