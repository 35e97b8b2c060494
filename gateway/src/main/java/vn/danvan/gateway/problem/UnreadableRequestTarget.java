package vn.danvan.gateway.problem;

import java.net.URI;
import java.net.URISyntaxException;
import org.reactivestreams.Publisher;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * A request target that is no URI ({@code /api/v1/feedback/%ZZ}, {@code ?by=a|b}, a {@code [} in the path) gets a
 * {@code bad-request} problem. Spring's reactive adapter would answer it with an empty 400 before any filter ran,
 * so this is a route of the Netty server in front of it: it parses the target as the adapter will, and answers
 * those it cannot. Everything else goes on to WebFlux unchanged.
 */
@Component
class UnreadableRequestTarget implements NettyRouteProvider {

    private final ProblemWriter problems;

    UnreadableRequestTarget(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(UnreadableRequestTarget::unreadable, this::refuse);
    }

    static boolean unreadable(HttpServerRequest request) {
        try {
            new URI(request.uri());
            return false;
        } catch (URISyntaxException notAUri) {
            return true;
        }
    }

    private Publisher<Void> refuse(HttpServerRequest request, HttpServerResponse response) {
        return problems.answer(
                request,
                response,
                Problem.of(ProblemType.BAD_REQUEST).detail("problem.bad-request.target.detail"),
                Integer.MAX_VALUE);
    }
}
