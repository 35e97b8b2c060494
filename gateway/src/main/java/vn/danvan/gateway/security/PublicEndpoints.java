package vn.danvan.gateway.security;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import vn.danvan.gateway.GatewayProperties.PublicEndpoint;

/** Request matchers for the configured public endpoints (method and path pattern, PathPattern syntax). */
public final class PublicEndpoints {

    private PublicEndpoints() {}

    public static List<ServerWebExchangeMatcher> matchers(List<PublicEndpoint> endpoints) {
        return endpoints.stream().map(PublicEndpoints::matcher).toList();
    }

    public static ServerWebExchangeMatcher matcher(PublicEndpoint endpoint) {
        ServerWebExchangeMatcher matcher =
                new PathPatternParserServerWebExchangeMatcher(endpoint.path(), endpoint.method());
        if (!HttpMethod.GET.equals(endpoint.method())) {
            return matcher;
        }
        // HEAD asks what GET would answer, headers only (RFC 9110, 9.3.2)
        return new OrServerWebExchangeMatcher(
                matcher, new PathPatternParserServerWebExchangeMatcher(endpoint.path(), HttpMethod.HEAD));
    }
}
