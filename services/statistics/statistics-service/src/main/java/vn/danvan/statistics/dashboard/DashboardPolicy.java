package vn.danvan.statistics.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The dashboard's Content-Security-Policy, on every answer under {@code /dashboard} (the gateway passes it on
 * unchanged). The page runs only its own files: scripts, styles and Chart.js's WebJar come from this origin, nothing is
 * inline and nothing is evaluated. It connects to its own origin (the statistics and units APIs, the SSE stream, its
 * sign-in settings) and, to sign officers in, to the identity provider's: the discovery document and the token
 * endpoint, which must lie at the issuer's origin. The sign-in and sign-out themselves are navigations, which the
 * policy does not govern. Its one form never submits (the pickers act on change), and no page may frame it.
 */
final class DashboardPolicy extends OncePerRequestFilter {

    static final String HEADER = "Content-Security-Policy";

    private final String policy;

    DashboardPolicy(String issuer) {
        this.policy = policyFor(issuer);
    }

    static String policyFor(String issuer) {
        String provider = originOf(issuer);
        return "default-src 'self'; connect-src 'self'" + (provider == null ? "" : " " + provider)
                + "; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /**
     * {@code scheme://host[:port]} of the issuer; null when none is configured or it is no absolute URL (the page
     * could not sign in with it anyway, and its public figures need no provider).
     */
    static String originOf(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(issuer.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                    + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (URISyntaxException notAUrl) {
            return null;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, policy);
        chain.doFilter(request, response);
    }
}
