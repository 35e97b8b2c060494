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

    private final Map<String, String> settings;

    SignInSettings(
            @Value("${danvan.dashboard.issuer:${spring.security.oauth2.resourceserver.jwt.issuer-uri:}}") String issuer,
            @Value("${danvan.dashboard.client-id:danvan-dashboard}") String clientId) {
        this.settings = Map.of("issuer", issuer, "clientId", clientId);
    }

    @GetMapping("/dashboard/sign-in.json")
    ResponseEntity<Map<String, String>> settings() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
    }
}
