package vn.danvan.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Signs tokens RS256 with the server's RSA key, writing the claims as they are: {@code aud} stays a JSON array even
 * with one audience (Nimbus's JWTClaimsSet, and so Spring's NimbusJwtEncoder, writes a lone audience as a string).
 */
final class ArrayAudienceJwtEncoder implements JwtEncoder {

    private final JWKSource<SecurityContext> keys;

    ArrayAudienceJwtEncoder(JWKSource<SecurityContext> keys) {
        this.keys = keys;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        JwsHeader requested = parameters.getJwsHeader();
        if (requested != null && requested.getAlgorithm() != SignatureAlgorithm.RS256) {
            throw new JwtEncodingException("only RS256 is issued here, not " + requested.getAlgorithm());
        }
        RSAKey key = signingKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build();
        JwtClaimsSet claims = parameters.getClaims();
        Map<String, Object> payload = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> payload.put(name, json(value)));
        try {
            JWSObject jws = new JWSObject(header, new Payload(payload));
            jws.sign(new RSASSASigner(key));
            return new Jwt(
                    jws.serialize(),
                    claims.getIssuedAt(),
                    claims.getExpiresAt(),
                    header.toJSONObject(),
                    claims.getClaims());
        } catch (JOSEException e) {
            throw new JwtEncodingException("cannot sign the token: " + e.getMessage(), e);
        }
    }

    private RSAKey signingKey() {
        JWKSelector selector = new JWKSelector(new JWKMatcher.Builder()
                .keyType(KeyType.RSA)
                .keyUses(KeyUse.SIGNATURE, null)
                .privateOnly(true)
                .build());
        try {
            List<JWK> found = keys.get(selector, null);
            if (found.isEmpty()) {
                throw new JwtEncodingException("no RSA signing key");
            }
            return found.getFirst().toRSAKey();
        } catch (com.nimbusds.jose.KeySourceException e) {
            throw new JwtEncodingException("cannot read the signing key", e);
        }
    }

    /** JSON's view of a claim value: NumericDate for instants, strings for URLs, collections as arrays. */
    private static Object json(Object value) {
        return switch (value) {
            case Instant instant -> instant.getEpochSecond();
            case URL url -> url.toExternalForm();
            case Collection<?> collection ->
                collection.stream().map(ArrayAudienceJwtEncoder::json).toList();
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), json(v)));
                yield copy;
            }
            default -> value;
        };
    }
}
