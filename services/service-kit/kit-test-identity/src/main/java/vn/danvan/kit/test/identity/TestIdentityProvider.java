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
 * they need only the issuer URL in production. Forged tokens carry one flaw each, for the negative tests.
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
                + "\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        server.createContext("/jwks", exchange -> json(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, discovery));
        server.createContext("/.well-known/oauth-authorization-server", exchange -> json(exchange, discovery));
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

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
