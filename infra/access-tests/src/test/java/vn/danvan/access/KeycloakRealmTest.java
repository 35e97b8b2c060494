package vn.danvan.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * docker-compose's identity provider, for real: Keycloak (the version of compose's image, from its own distribution)
 * imports {@code infra/keycloak/danvan-realm.json}, and a platform of its own (feedback-intake and the gateway from
 * their boot jars) is told only Keycloak's issuer URL. The demo accounts sign in with the claims of
 * {@code infra/identity}'s accounts, the services and the gateway take Keycloak's tokens with the same answers as
 * infra/identity's, and the dashboard's client signs in by authorization code with PKCE.
 */
class KeycloakRealmTest {

    private static final Path ROOT = Platform.repositoryRoot();
    private static final Path REALM_FILE = ROOT.resolve("infra/keycloak/danvan-realm.json");
    private static final String AUDIENCE = "danvan-api";
    private static final String DASHBOARD_REDIRECT = "http://127.0.0.1:8080/dashboard/";

    private static KeycloakServer keycloak;
    private static Platform platform;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    /**
     * The browser's cookies for Keycloak. Keycloak marks its login cookies {@code Secure}, which browsers send to
     * http://localhost (a secure context) but {@link java.net.CookieManager} never sends over plain HTTP.
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        String realm = Call.JSON.readTree(REALM_FILE.toFile()).path("realm").asString();
        keycloak = KeycloakServer.launch(REALM_FILE, realm);
        try {
            // the apps resolve the issuer when the first token arrives, so they start while Keycloak does
            platform = Platform.start(keycloak.issuer(), "keycloak", false);
            keycloak.awaitReady();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        System.out.println("[keycloak-realm] Keycloak " + KeycloakServer.VERSION + " (distribution from Maven Central)"
                + " with " + ROOT.relativize(REALM_FILE) + ", issuer " + keycloak.issuer() + "; "
                + platform.describe());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void composeRunsTheKeycloakThisTestRuns() throws IOException {
        assertThat(Files.readString(ROOT.resolve("docker-compose.yml")))
                .as("docker-compose.yml's Keycloak image is the version tested here (keycloak.version in pom.xml)")
                .contains("image: quay.io/keycloak/keycloak:" + KeycloakServer.VERSION + "\n");
    }

    @Test
    void everyDemoAccountSignsInWithTheClaimsOfTheLocalIdentityProvider() {
        List<Map<String, Object>> accounts = localIdentityAccounts();
        assertThat(accounts).hasSizeGreaterThanOrEqualTo(7);
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> account : accounts) {
            String username = (String) account.get("username");
            JsonNode claims = claims(passwordGrant(username, resolve((String) account.get("password"))));
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("iss", keycloak.issuer());
            expected.put("sub", username);
            expected.put("roles", new TreeSet<>(roles(account.get("roles"))));
            expected.put("unit", account.get("unit"));
            expected.put("has aud " + AUDIENCE, true);
            Map<String, Object> actual = new LinkedHashMap<>();
            actual.put("iss", claims.path("iss").asString());
            actual.put("sub", claims.path("sub").asString());
            actual.put("roles", new TreeSet<>(roles(claims.path("roles"))));
            actual.put("unit", claims.hasNonNull("unit") ? claims.path("unit").asString() : null);
            actual.put("has aud " + AUDIENCE, audiences(claims).contains(AUDIENCE));
            if (!expected.equals(actual)) {
                wrong.add(username + ": " + actual + ", expected " + expected);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theServicesAndTheGatewayTakeKeycloaksTokensByItsIssuerAlone() {
        String communeOfficer = passwordGrant("commune.officer", "demo-commune.officer");
        String otherProvince = passwordGrant("other.province.officer", "demo-other.province.officer");
        String citizen = passwordGrant("citizen", "demo-citizen");
        String inspector = passwordGrant("inspector", "demo-inspector");
        // the same caller, signed by another provider: neither the gateway nor a service may take it
        String foreign = TestIdentityProvider.shared().token("commune.officer", "00004", "COMMUNE_OFFICER");

        Call.Answer receipt = Call.post(
                        "/api/v1/feedback",
                        """
                {"kind":"DENUNCIATION","channel":"WEB","subject":"Tố cáo %s",
                 "content":"Cán bộ địa chính nhận tiền để hợp thức hoá đất lấn chiếm.","category":"land",
                 "location":{"communeCode":"00004"},
                 "denouncer":{"fullName":"Trần Thị Bình","idNumber":"001190012345","address":"Ba Đình",
                              "phone":"0987654321"}}"""
                                .formatted(UUID.randomUUID()))
                .send(platform.gateway(), null);
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(201);
        String item = "/api/v1/feedback/" + receipt.text("id");
        String identity = item + "/identity?reason=" + URLEncoder.encode("Xác minh tố cáo", StandardCharsets.UTF_8);

        List<String> wrong = new ArrayList<>();
        for (String base : List.of(platform.gateway(), platform.feedback())) {
            String via = base.equals(platform.gateway()) ? "via gateway" : "direct";
            expect(wrong, via, "the commune's officer reads the item", Call.get(item), base, communeOfficer, 200);
            expect(wrong, via, "another province's officer", Call.get(item), base, otherProvince, 404);
            expect(wrong, via, "a citizen lists items", Call.get("/api/v1/feedback?unit=00004"), base, citizen, 403);
            expect(wrong, via, "nobody", Call.get(item), base, null, 401);
            expect(wrong, via, "another provider's token", Call.get(item), base, foreign, 401);
            expect(wrong, via, "the inspector reads the identity", Call.get(identity), base, inspector, 200);
            expect(wrong, via, "the officer reads the identity", Call.get(identity), base, communeOfficer, 403);
        }
        assertThat(wrong).isEmpty();
        assertThat(Call.get(identity).send(platform.feedback(), inspector).text("fullName"))
                .isEqualTo("Trần Thị Bình");
    }

    @Test
    void theDashboardSignsInByAuthorizationCodeWithPkce() throws Exception {
        String verifier = randomToken();
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = randomToken();

        HttpResponse<String> loginPage = browse(HttpRequest.newBuilder(
                URI.create(authorizationRequest(DASHBOARD_REDIRECT, state) + withPkce(challenge))));
        assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
        Matcher action = Pattern.compile(
                        "id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"|action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"")
                .matcher(loginPage.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();
        String formAction = (action.group(1) != null ? action.group(1) : action.group(2)).replace("&amp;", "&");

        HttpResponse<String> signedIn = browse(HttpRequest.newBuilder(URI.create(formAction))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("username", "province.officer", "password", "demo-province.officer"))));
        String redirect = signedIn.headers().firstValue("Location").orElse("");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(redirect).startsWith(DASHBOARD_REDIRECT).contains("state=" + state);
        String code = query(redirect).get("code");
        assertThat(code).isNotBlank();

        // the page exchanges the code from its own origin: Keycloak must allow it (webOrigins "+")
        Map<String, String> exchange = new LinkedHashMap<>(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                DASHBOARD_REDIRECT,
                "client_id",
                "danvan-dashboard"));
        HttpResponse<String> withoutVerifier = tokenRequest(exchange, "http://127.0.0.1:8080");
        assertThat(withoutVerifier.statusCode())
                .as("a code without its PKCE verifier: " + withoutVerifier.body())
                .isEqualTo(400);

        exchange.put("code", signIn(challenge)); // the failed attempt used up the first code
        exchange.put("code_verifier", verifier);
        HttpResponse<String> tokens = tokenRequest(exchange, "http://127.0.0.1:8080");
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:8080");
        JsonNode claims =
                claims(Call.JSON.readTree(tokens.body()).path("access_token").asString());
        assertThat(claims.path("sub").asString()).isEqualTo("province.officer");
        assertThat(roles(claims.path("roles"))).containsExactly("PROVINCE_OFFICER");
        assertThat(claims.path("unit").asString()).isEqualTo("01");
        assertThat(audiences(claims)).contains(AUDIENCE);
    }

    @Test
    void theDashboardClientRefusesASignInWithoutPkceOrToAForeignAddress() throws Exception {
        HttpResponse<String> withoutPkce =
                browse(HttpRequest.newBuilder(URI.create(authorizationRequest(DASHBOARD_REDIRECT, "s1"))));
        assertThat(withoutPkce.statusCode()).isEqualTo(302);
        assertThat(withoutPkce.headers().firstValue("Location").orElse(""))
                .startsWith(DASHBOARD_REDIRECT)
                .contains("error=invalid_request");

        HttpResponse<String> foreign = browse(HttpRequest.newBuilder(URI.create(
                authorizationRequest("https://example.invalid/dashboard/", "s2") + withPkce(randomToken()))));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();
    }

    /** A second sign-in of the same browser session: Keycloak answers with a new code at once. */
    private String signIn(String challenge) throws Exception {
        HttpResponse<String> again = browse(HttpRequest.newBuilder(
                URI.create(authorizationRequest(DASHBOARD_REDIRECT, "again") + withPkce(challenge))));
        assertThat(again.statusCode()).as("signed in already: " + again.body()).isEqualTo(302);
        return query(again.headers().firstValue("Location").orElseThrow()).get("code");
    }

    /** A browser's request to Keycloak: with the cookies it set, keeping those it sets now. */
    private HttpResponse<String> browse(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String[] pair = header.split(";", 2)[0].split("=", 2);
            cookies.put(pair[0].trim(), pair.length > 1 ? pair[1] : "");
        }
        return response;
    }

    private static String withPkce(String challenge) {
        return "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private String authorizationRequest(String redirect, String state) {
        return keycloak.authorizationEndpoint() + "?client_id=danvan-dashboard&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&state=" + state;
    }

    private static void expect(
            List<String> wrong, String via, String what, Call call, String base, String token, int status) {
        Call.Answer answer = call.send(base, token);
        if (answer.status() != status) {
            wrong.add("%s %s (%s): %d, expected %d %s"
                    .formatted(what, via, call, answer.status(), status, answer.body()));
        }
    }

    /** A user's access token through the scripts' client (direct access grant), as docs/identity.md shows. */
    private String passwordGrant(String username, String password) {
        HttpResponse<String> response = tokenRequest(
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "danvan-cli",
                        "client_secret",
                        resolve(cliSecret()),
                        "username",
                        username,
                        "password",
                        password),
                null);
        assertThat(response.statusCode()).as(username + ": " + response.body()).isEqualTo(200);
        return Call.JSON.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> tokenRequest(Map<String, String> fields, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(fields));
        if (origin != null) {
            request.header("Origin", origin);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a signed JWT").hasSize(3);
        return Call.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** RFC 7519: {@code aud} is a string or an array of them. */
    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        if (aud.isString()) {
            return List.of(aud.asString());
        }
        List<String> audiences = new ArrayList<>();
        aud.forEach(value -> audiences.add(value.asString()));
        return audiences;
    }

    private static List<String> roles(Object roles) {
        List<String> names = new ArrayList<>();
        if (roles instanceof JsonNode node) {
            node.forEach(role -> names.add(role.asString()));
        } else if (roles instanceof List<?> list) {
            list.forEach(role -> names.add(String.valueOf(role)));
        }
        return names;
    }

    /** infra/identity's demo accounts: username, password placeholder, roles, unit. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> localIdentityAccounts() {
        try {
            Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(ROOT.resolve("infra/identity/src/main/resources/application.yml")));
            Map<String, Object> identity =
                    (Map<String, Object>) ((Map<String, Object>) config.get("danvan")).get("identity");
            return (List<Map<String, Object>>) identity.get("accounts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cliSecret() {
        for (JsonNode client : Call.JSON.readTree(REALM_FILE.toFile()).path("clients")) {
            if (client.path("clientId").asString().equals("danvan-cli")) {
                return client.path("secret").asString();
            }
        }
        throw new IllegalStateException("no danvan-cli client in " + REALM_FILE);
    }

    /** {@code ${VARIABLE:default}} as Keycloak and Spring resolve it: the environment's value, else the default. */
    private static String resolve(String value) {
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}").matcher(value);
        if (!placeholder.matches()) {
            return value;
        }
        String fromEnvironment = System.getenv(placeholder.group(1));
        return fromEnvironment != null ? fromEnvironment : placeholder.group(2);
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(uri).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
