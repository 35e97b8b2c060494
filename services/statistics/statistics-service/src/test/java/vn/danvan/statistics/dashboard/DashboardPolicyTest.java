package vn.danvan.statistics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The page may connect to the identity provider's origin, whatever path its issuer has. */
class DashboardPolicyTest {

    @Test
    void theProvidersOriginIsTheIssuersWithoutItsPath() {
        assertThat(DashboardPolicy.policyFor("http://localhost:8180/realms/danvan"))
                .contains("; connect-src 'self' http://localhost:8180;");
        assertThat(DashboardPolicy.policyFor("https://ID.example.vn/"))
                .contains("; connect-src 'self' https://id.example.vn;");
        assertThat(DashboardPolicy.policyFor("http://127.0.0.1:9000"))
                .contains("; connect-src 'self' http://127.0.0.1:9000;");
    }

    @Test
    void withoutAnIssuerThePageConnectsOnlyToItsOwnOrigin() {
        for (String issuer : new String[] {null, "", "  ", "not a url", "/relative"}) {
            assertThat(DashboardPolicy.policyFor(issuer)).as(issuer).contains("; connect-src 'self';");
        }
    }
}
