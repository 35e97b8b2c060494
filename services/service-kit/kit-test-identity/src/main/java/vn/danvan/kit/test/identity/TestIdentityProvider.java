package vn.danvan.kit.test.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * An OpenID provider for tests: a loopback HTTP server with a discovery document and a JWKS, and tokens signed with
 * its key following the platform's token contract ({@code iss}, {@code aud} containing {@value #AUDIENCE},
 * {@code sub}, {@code roles}, {@code unit}; docs/identity.md). Apps under test need only its {@link #issuer()}, as
 * they need only the issuer URL in production. Forged tokens carry one flaw each, for the negative tests. A browser
 * page can sign in too (authorization code with PKCE S256) as the user named by {@link #signInNextAs}.
 */
public final class TestIdentityProvider {

    /** The audience every platform token carries. */
    public static final String AUDIENCE = "danvan-api";

    /** One flaw a token can carry; each must be refused with 401. */
    public enum Forgery {
        EXPIRED,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        /** Signed by a key the provider never published. */
        BAD_SIGNATURE,
        /** {@code alg: none}: no signature at all. */
        ALG_NONE
    }

    private static volatile TestIdentityProvider shared;

    private record User(String subject, String unit, String[] roles) {}

    /** A code handed out by {@code /authorize}: for whom, to which redirect, bound to which PKCE challenge. */
    private record Grant(User user, String clientId, String redirectUri, String challenge) {}

    private final java.util.Map<String, Grant> grants = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile User nextUser;

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey strangerKey;
    private final String issuer;

    private TestIdentityProvider() {
        try {
            key = new RSAKeyGenerator(2048)
                    .keyID("test-" + UUID.randomUUID())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            // same key id as the published key: only the signature can give it away
            strangerKey = new RSAKeyGenerator(2048)
                    .keyID(key.getKeyID())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwkSetUri() + "\","
                + "\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\","
                + "\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        server.createContext("/jwks", exchange -> json(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, discovery));
        server.createContext("/.well-known/oauth-authorization-server", exchange -> json(exchange, discovery));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::exchangeCode);
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "test-identity-provider");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The one provider of this JVM, started on first use; it lives as long as the JVM. */
    public static TestIdentityProvider shared() {
        TestIdentityProvider provider = shared;
        if (provider == null) {
            synchronized (TestIdentityProvider.class) {
                provider = shared;
                if (provider == null) {
                    provider = new TestIdentityProvider();
                    shared = provider;
                }
            }
        }
        return provider;
    }

    /**
     * The user the next browser sign-in (authorization code + PKCE, {@code /authorize}) is for, as if they had typed
     * their password on the provider's login page.
     */
    public void signInNextAs(String subject, String unit, String... roles) {
        nextUser = new User(subject, unit, roles);
    }

    /** The issuer URL: what an app's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} should be. */
    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks";
    }

    /** A valid access token for 15 minutes; {@code unit} may be null (citizens, national admins). */
    public String token(String subject, String unit, String... roles) {
        return sign(claims(subject, unit, roles).build(), key);
    }

    /** A province officer's token of unit 01 with exactly one flaw. */
    public String forged(Forgery flaw) {
        JWTClaimsSet.Builder claims = claims("forged-officer", "01", "PROVINCE_OFFICER");
        return switch (flaw) {
            case EXPIRED -> {
                Instant past = Instant.now().minus(Duration.ofHours(2));
                yield sign(
                        claims.issueTime(Date.from(past))
                                .expirationTime(Date.from(past.plus(Duration.ofMinutes(15))))
                                .build(),
                        key);
            }
            case WRONG_ISSUER ->
                sign(claims.issuer("http://127.0.0.1:1/not-our-issuer").build(), key);
            case WRONG_AUDIENCE -> sign(claims.audience("some-other-api").build(), key);
            case BAD_SIGNATURE -> sign(claims.build(), strangerKey);
            case ALG_NONE -> new PlainJWT(claims.build()).serialize();
        };
    }

    private JWTClaimsSet.Builder claims(String subject, String unit, String... roles) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of(AUDIENCE))
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", Arrays.asList(roles));
        if (unit != null) {
            claims.claim("unit", unit);
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(with.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Auto-approves for {@link #signInNextAs}; requires PKCE with S256, as the platform's provider does. */
    private void authorize(HttpExchange exchange) throws IOException {
        java.util.Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        User user = nextUser;
        String redirect = query.get("redirect_uri");
        if (user == null
                || redirect == null
                || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null) {
            status(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(user, query.get("client_id"), redirect, query.get("code_challenge")));
        String state = query.get("state");
        exchange.getResponseHeaders()
                .set(
                        "Location",
                        redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                                + (state == null
                                        ? ""
                                        : "&state=" + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** The code for a token, only with the verifier whose SHA-256 is the challenge, once. */
    private void exchangeCode(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (!"POST".equals(exchange.getRequestMethod())) {
            status(exchange, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        java.util.Map<String, String> body =
                form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = grants.remove(String.valueOf(body.get("code")));
        String verifier = body.get("code_verifier");
        boolean proven = false;
        if (grant != null && verifier != null) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII));
                proven = java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(digest)
                        .equals(grant.challenge());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!proven
                || !"authorization_code".equals(body.get("grant_type"))
                || !grant.redirectUri().equals(body.get("redirect_uri"))
                || !java.util.Objects.equals(grant.clientId(), body.get("client_id"))) {
            status(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String token =
                token(grant.user().subject(), grant.user().unit(), grant.user().roles());
        json(exchange, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
    }

    private static java.util.Map<String, String> form(String encoded) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(
                            java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void status(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // a browser page of another origin reads the discovery document and the token answer
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
