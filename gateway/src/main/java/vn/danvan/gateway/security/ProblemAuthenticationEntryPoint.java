package vn.danvan.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.danvan.gateway.problem.Problem;
import vn.danvan.gateway.problem.ProblemType;
import vn.danvan.gateway.problem.ProblemWriter;

/**
 * 401 as a problem, with the {@code WWW-Authenticate} challenge of RFC 6750. For a rejected token the challenge
 * says {@code error="invalid_token"} only: why it was rejected (expired, wrong issuer, bad signature) is logged
 * by Spring Security at debug, not told to the caller.
 */
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemWriter writer;

    ProblemAuthenticationEntryPoint(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean badToken = ex instanceof InvalidBearerTokenException || ex instanceof OAuth2AuthenticationException;
        Problem problem = Problem.of(ProblemType.UNAUTHENTICATED)
                .header(HttpHeaders.WWW_AUTHENTICATE, badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        if (badToken) {
            problem.detail("problem.unauthenticated.invalid-token.detail");
        }
        return writer.write(exchange, problem);
    }
}
