package vn.danvan.gateway;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * One gateway in front of four stub services, trusting the test identity provider's keys; shared (one Spring
 * context) by the test classes that extend it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"danvan.gateway.trusted-proxies=127.0.0.1", "danvan.gateway.body-limit.max=1KB"})
abstract class GatewayTestBase {

    static final Stub MODELS = new Stub("model-registry");
    static final Stub DIALOGUES = new Stub("dialogue-scheduler");
    static final Stub FEEDBACK = new Stub("feedback-intake");
    static final Stub STATISTICS = new Stub("statistics");
    static final TestIdentityProvider IDENTITY = TestIdentityProvider.shared();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("MODEL_REGISTRY_URL", MODELS::url);
        registry.add("DIALOGUE_SCHEDULER_URL", DIALOGUES::url);
        registry.add("FEEDBACK_INTAKE_URL", FEEDBACK::url);
        registry.add("STATISTICS_URL", STATISTICS::url);
        registry.add("DANVAN_ISSUER_URI", IDENTITY::issuer);
        registry.add("DANVAN_JWK_SET_URI", IDENTITY::jwkSetUri);
    }

    String gateway() {
        return "http://127.0.0.1:" + port;
    }

    static String officerToken() {
        return IDENTITY.token("officer-1", "48", "PROVINCE_OFFICER");
    }
}
