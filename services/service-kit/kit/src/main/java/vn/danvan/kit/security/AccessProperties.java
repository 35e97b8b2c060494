package vn.danvan.kit.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which endpoints of a service answer anonymous callers. Everything else needs a valid token before any handler
 * runs, so an endpoint that forgets to ask for a caller is still closed. Each entry is {@code "METHOD /pattern"} or
 * {@code "/pattern"} (any method), with Spring path patterns ({@code *} one segment, {@code **} the rest).
 */
@ConfigurationProperties("danvan.security")
public class AccessProperties {

    private List<String> publicEndpoints = new ArrayList<>();

    public List<String> getPublicEndpoints() {
        return publicEndpoints;
    }

    public void setPublicEndpoints(List<String> publicEndpoints) {
        this.publicEndpoints = publicEndpoints;
    }
}
