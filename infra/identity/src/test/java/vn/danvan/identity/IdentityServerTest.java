package vn.danvan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The token contract (docs/identity.md) as a client sees it: over HTTP, signatures checked against the served keys. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // distinct from the default, to show that iss comes from configuration, not from the request
            "danvan.identity.issuer=" + IdentityServerTest.ISSUER,
            "danvan.identity.key-dir="
        })
class IdentityServerTest {

    static final String ISSUER = "http://identity.test:9000";
    private static final String DASHBOARD = "danvan-dashboard";
    private static final String REDIRECT = "http://127.0.0.1:8080/dashboard/";

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void clientCredentialsGiveTheAccountsSignedToken() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> response = clientCredentials("province.officer", "demo-province.officer");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("token_type").asString()).isEqualToIgnoringCase("Bearer");
        JWTClaimsSet claims = verified(body.path("access_token").asString());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).contains("danvan-api");
        assertThat(claims.getSubject()).isEqualTo("province.officer");
        assertThat(claims.getStringListClaim("roles")).containsExactly("PROVINCE_OFFICER");
        assertThat(claims.getStringClaim("unit")).isEqualTo("01");
        assertThat(Duration.between(before, claims.getExpirationTime().toInstant()))
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
    }

    @Test
    void audienceIsAJsonArray() throws Exception {
        String token = json.readTree(
                        clientCredentials("inspector", "demo-inspector").body())
                .path("access_token")
                .asString();
        JsonNode payload = json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));

        assertThat(payload.path("aud").isArray()).as("aud in %s", payload).isTrue();
        assertThat(payload.path("aud").get(0).asString()).isEqualTo("danvan-api");
        assertThat(payload.path("roles").isArray()).isTrue();
    }

    @Test
    void accountsWithoutAUnitGetNoUnitClaim() throws Exception {
        HttpResponse<String> response = clientCredentials("citizen", "demo-citizen");

        JWTClaimsSet claims =
                verified(json.readTree(response.body()).path("access_token").asString());
        assertThat(claims.getSubject()).isEqualTo("citizen");
        assertThat(claims.getStringListClaim("roles")).containsExactly("CITIZEN");
        assertThat(claims.getClaims()).doesNotContainKey("unit");
    }

    @Test
    void theOtherProvincesOfficerCarriesItsOwnUnit() throws Exception {
        HttpResponse<String> response = clientCredentials("other.province.officer", "demo-other.province.officer");

        JWTClaimsSet claims =
                verified(json.readTree(response.body()).path("access_token").asString());
        assertThat(claims.getStringClaim("unit")).isEqualTo("79");
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        HttpResponse<String> response = clientCredentials("province.officer", "not-the-password");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void discoveryNamesTheConfiguredIssuer() throws Exception {
        for (String path :
                new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
            HttpResponse<String> response = get(HttpClient.newHttpClient(), url(path));

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            JsonNode document = json.readTree(response.body());
            assertThat(document.path("issuer").asString()).as(path).isEqualTo(ISSUER);
            assertThat(document.path("jwks_uri").asString()).as(path).isEqualTo(ISSUER + "/oauth2/jwks");
        }
    }

    @Test
    void theDashboardOriginMayExchangeItsCodeFromTheBrowser() throws Exception {
        HttpResponse<String> preflight = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url("/oauth2/token"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "http://localhost:8080")
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "content-type")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> foreign = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url("/oauth2/jwks"))
                                .header("Origin", "http://evil.example")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://localhost:8080");
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    @Test
    void theDashboardSignsInWithAuthorizationCodeAndPkce() throws Exception {
        Pkce pkce = Pkce.create();
        String code = authorize(pkce, "commune.officer", "demo-commune.officer");

        HttpResponse<String> response = exchange(code, pkce.verifier());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        JWTClaimsSet claims = verified(body.path("access_token").asString());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).contains("danvan-api");
        assertThat(claims.getSubject()).isEqualTo("commune.officer");
        assertThat(claims.getStringListClaim("roles")).containsExactly("COMMUNE_OFFICER");
        assertThat(claims.getStringClaim("unit")).isEqualTo("00004");
        assertThat(body.has("id_token")).isTrue();
    }

    @Test
    void theDashboardsCodeIsWorthNothingWithoutTheVerifier() throws Exception {
        Pkce pkce = Pkce.create();
        String code = authorize(pkce, "province.officer", "demo-province.officer");

        HttpResponse<String> withoutVerifier = exchange(code, null);
        HttpResponse<String> wrongVerifier = exchange(code, Pkce.create().verifier());

        // a public client proves itself only with the verifier: without one it is not even authenticated
        assertThat(withoutVerifier.statusCode()).isEqualTo(401);
        assertThat(withoutVerifier.body()).doesNotContain("access_token");
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(wrongVerifier.body()).doesNotContain("access_token");
    }

    @Test
    void aWrongPasswordStaysOnTheLoginForm() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> form = get(browser, url("/login"));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> refused = post(
                browser,
                url("/login"),
                form(Map.of("username", "inspector", "password", "demo-citizen", "_csrf", csrf.group(1))),
                null);

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(get(browser, url("/login?error")).body()).contains("Sai tên đăng nhập hoặc mật khẩu");
    }

    @Test
    void theDashboardMustSendACodeChallenge() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> response = get(browser, url("/oauth2/authorize?" + form(authorizeParameters(null))));

        // an invalid request about a known client and redirect URI goes back to the client with the error
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location)
                .startsWith(REDIRECT)
                .contains("error=invalid_request")
                .doesNotContain("code=");
    }

    @Test
    void signingOutOfTheDashboardEndsTheProvidersSessionSoTheNextSignInAsksAgain() throws Exception {
        HttpClient browser = browser();
        Pkce pkce = Pkce.create();
        String code = authorize(browser, pkce, "commune.officer", "demo-commune.officer");
        String idToken = json.readTree(exchange(code, pkce.verifier()).body())
                .path("id_token")
                .asString();
        URI authorize = url(
                "/oauth2/authorize?" + form(authorizeParameters(Pkce.create().challenge())));
        // still signed in at the provider: a new sign-in comes straight back with a code, no form
        assertThat(get(browser, authorize).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith(REDIRECT).contains("code="));

        Map<String, String> logout = new LinkedHashMap<>();
        logout.put("id_token_hint", idToken);
        logout.put("post_logout_redirect_uri", REDIRECT);
        logout.put("client_id", DASHBOARD);
        HttpResponse<String> signedOut = get(browser, url("/connect/logout?" + form(logout)));

        assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith(REDIRECT));
        assertThat(get(browser, authorize).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    /** Drives the browser's part: authorize, be sent to the login form, sign in, come back with a code. */
    private String authorize(Pkce pkce, String username, String password) throws Exception {
        return authorize(browser(), pkce, username, password);
    }

    private String authorize(HttpClient browser, Pkce pkce, String username, String password) throws Exception {
        URI authorize = url("/oauth2/authorize?" + form(authorizeParameters(pkce.challenge())));

        HttpResponse<String> toLogin = get(browser, authorize);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> loginPage = get(browser, url("/login"));
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("Đăng nhập");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("CSRF token in the login form").isTrue();

        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("username", username);
        credentials.put("password", password);
        credentials.put("_csrf", csrf.group(1));
        HttpResponse<String> signedIn = post(browser, url("/login"), form(credentials), null);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String back = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(back).contains("/oauth2/authorize");

        HttpResponse<String> redirected = get(browser, URI.create(back));
        assertThat(redirected.statusCode()).isEqualTo(302);
        String location = redirected.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT).contains("state=s1");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).as("code in %s", location).isTrue();
        return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    private Map<String, String> authorizeParameters(String challenge) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", DASHBOARD);
        parameters.put("redirect_uri", REDIRECT);
        parameters.put("scope", "openid");
        parameters.put("state", "s1");
        if (challenge != null) {
            parameters.put("code_challenge", challenge);
            parameters.put("code_challenge_method", "S256");
        }
        return parameters;
    }

    /** The token request of a public client: no secret, only its id and (normally) the verifier. */
    private HttpResponse<String> exchange(String code, String verifier) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", code);
        parameters.put("redirect_uri", REDIRECT);
        parameters.put("client_id", DASHBOARD);
        if (verifier != null) {
            parameters.put("code_verifier", verifier);
        }
        return post(HttpClient.newHttpClient(), url("/oauth2/token"), form(parameters), null);
    }

    private HttpResponse<String> clientCredentials(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return post(HttpClient.newHttpClient(), url("/oauth2/token"), "grant_type=client_credentials", basic);
    }

    /** The token's claims once its RS256 signature checks out against a key the server publishes. */
    private JWTClaimsSet verified(String token) throws Exception {
        HttpResponse<String> jwks = get(HttpClient.newHttpClient(), url("/oauth2/jwks"));
        assertThat(jwks.statusCode()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        var key = JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("served key %s", jwt.getHeader().getKeyID()).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String form, String basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            request.header("Authorization", "Basic " + basic);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private record Pkce(String verifier, String challenge) {

        static Pkce create() throws Exception {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        }
    }
}
