package vn.danvan.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import vn.danvan.access.AccessMatrix.Endpoint;
import vn.danvan.access.AccessMatrix.Where;
import vn.danvan.access.AccessMatrix.Who;
import vn.danvan.kit.test.identity.TestIdentityProvider;
import vn.danvan.kit.test.identity.TestIdentityProvider.Forgery;

/**
 * Every endpoint, every role, three places, through the gateway and straight to the service: each call gets exactly
 * the answer of {@link AccessMatrix}. A service trusts no one blindly, so bypassing the gateway changes nothing.
 */
class AccessMatrixTest {

    private static Platform platform;
    private static Fixtures fixtures;

    @BeforeAll
    static void start() {
        platform = Platform.get();
        fixtures = new Fixtures(platform);
        System.out.println("[access-tests] backend: " + platform.describe());
    }

    @Test
    void everyEndpointOfTheServicesHasARowInTheMatrixAndEveryRowAnEndpoint() {
        Set<String> documented = new TreeSet<>();
        documented.addAll(operations(platform.feedback()));
        documented.addAll(operations(platform.statistics()));
        Set<String> inMatrix =
                AccessMatrix.ENDPOINTS.stream().map(Endpoint::key).collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented)
                .as("endpoints without a row in AccessMatrix: decide who may call them, then add the row")
                .isSubsetOf(inMatrix);
        assertThat(inMatrix).as("rows of AccessMatrix without an endpoint").isSubsetOf(documented);
    }

    @Test
    void theCallersAreNobodyAndEveryRoleOfThePlatform() {
        // a role added to the platform without a place here would never be tried
        assertThat(Stream.of(Who.values()).map(Who::name))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                Stream.of("ANONYMOUS"),
                                Stream.of(vn.danvan.kit.security.Role.values()).map(Enum::name))
                        .toList());
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aFlawedTokenIs401EverywhereEvenOnPublicEndpoints(Forgery flaw) {
        String token = TestIdentityProvider.shared().forged(flaw);
        List<String> wrong = new ArrayList<>();
        for (String base : List.of(platform.gateway(), platform.feedback(), platform.statistics())) {
            for (String path : List.of(
                    "/api/v1/feedback?unit=01",
                    "/api/v1/statistics/overdue?unit=01",
                    "/api/v1/feedback/ping",
                    "/api/v1/units")) {
                boolean served = base.equals(platform.gateway())
                        || (base.equals(platform.feedback()) == path.startsWith("/api/v1/feedback"));
                if (served) {
                    Call.Answer answer = Call.get(path).send(base, token);
                    if (answer.status() != 401) {
                        wrong.add(base + path + ": " + answer.status());
                    }
                }
            }
        }
        assertThat(wrong).as(flaw.name()).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> eachCallerGetsExactlyTheAllowedAnswer() {
        return AccessMatrix.ENDPOINTS.stream()
                .map(endpoint -> DynamicTest.dynamicTest(endpoint.key(), () -> check(endpoint)));
    }

    private static void check(Endpoint endpoint) {
        List<String> wrong = new ArrayList<>();
        Call shared = null;
        int calls = 0;
        for (String via : List.of("gateway", "direct")) {
            String base = via.equals("gateway") ? platform.gateway() : serviceOf(endpoint);
            for (Who who : Who.values()) {
                for (Where where : who == Who.ANONYMOUS ? List.of(Where.OWN_UNIT) : List.of(Where.values())) {
                    Set<Integer> expected = endpoint.rule().expected(who, where);
                    boolean allowed = expected.stream().anyMatch(status -> status < 300);
                    Call call;
                    if (endpoint.mutates() && allowed) {
                        call = endpoint.call().apply(fixtures); // its own resource: the call changes it
                    } else {
                        if (shared == null) {
                            shared = endpoint.call().apply(fixtures);
                        }
                        call = shared;
                    }
                    String token = who == Who.ANONYMOUS
                            ? null
                            : TestIdentityProvider.shared()
                                    .token(
                                            who.name().toLowerCase(Locale.ROOT) + "-" + where.unitOfCaller,
                                            where.unitOfCaller,
                                            who.name());
                    Call.Answer answer = call.send(base, token);
                    calls++;
                    if (!expected.contains(answer.status())) {
                        wrong.add("%s as %s of %s via %s: %d, expected %s %s"
                                .formatted(call, who, where, via, answer.status(), expected, brief(answer.body())));
                    }
                }
            }
        }
        assertThat(calls).isEqualTo(2 * (1 + (Who.values().length - 1) * Where.values().length));
        assertThat(wrong).as(endpoint.key()).isEmpty();
    }

    private static String serviceOf(Endpoint endpoint) {
        return endpoint.path().startsWith("/api/v1/feedback") || endpoint.path().startsWith("/api/v1/consultations")
                ? platform.feedback()
                : platform.statistics();
    }

    /** "METHOD /path" of every operation in a service's OpenAPI document. */
    private static Set<String> operations(String service) {
        Call.Answer document = Call.get("/v3/api-docs").send(service, null);
        assertThat(document.status()).isEqualTo(200);
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.json().path("paths").properties()) {
            Iterator<String> methods = path.getValue().propertyNames().iterator();
            while (methods.hasNext()) {
                operations.add(methods.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        return operations;
    }

    private static String brief(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
