package vn.danvan.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;
import vn.danvan.kit.web.ForbiddenException;
import vn.danvan.kit.web.UnauthenticatedException;

/**
 * Security's refusals answered like any other problem of the service (RFC 9457, Vietnamese first, trace id), by
 * handing them to the same exception handling the controllers use. Why a token was refused goes to the log only:
 * telling a caller which check failed helps a forger more than a client.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final HandlerExceptionResolver resolver;

    ProblemSecurityHandlers(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException) {
        String challenge =
                authException instanceof InvalidBearerTokenException ? "Bearer error=\"invalid_token\"" : "Bearer";
        resolver.resolveException(
                request,
                response,
                null,
                new UnauthenticatedException("token refused: " + authException.getMessage(), challenge));
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException) {
        resolver.resolveException(request, response, null, new ForbiddenException("access denied by the filter chain"));
    }
}
