package vn.danvan.statistics.dashboard;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the dashboard page signs officers in: the identity provider's issuer (the page reads its discovery document)
 * and the page's public client. The same issuer the service validates tokens against, unless the browser reaches the
 * provider by another address ({@code DANVAN_DASHBOARD_ISSUER}).
 */
@RestController
class SignInSettings {

    /** The issuer's URL as the browser reaches it; also in the page's policy ({@link DashboardPolicy}). */
    static final String ISSUER = "${danvan.dashboard.issuer:${spring.security.oauth2.resourceserver.jwt.issuer-uri:}}";

    private final Map<String, String> settings;

    SignInSettings(
            @Value(ISSUER) String issuer, @Value("${danvan.dashboard.client-id:danvan-dashboard}") String clientId) {
        this.settings = Map.of("issuer", issuer, "clientId", clientId);
    }

    @GetMapping("/dashboard/sign-in.json")
    ResponseEntity<Map<String, String>> settings() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
    }
}
