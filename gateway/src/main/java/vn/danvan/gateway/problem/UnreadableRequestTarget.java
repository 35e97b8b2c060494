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
 * A request target that is no URI ({@code /api/v1/feedback/%ZZ}, {@code ?by=a|b}, a {@code [} in the path or the
 * query) gets a {@code bad-request} problem. Spring's reactive adapter would answer most of them with an empty 400
 * before any filter ran, so this is a route of the Netty server in front of it: it parses the target as the adapter
 * will, and answers those it cannot, and those the services would refuse unread. Everything else goes on to WebFlux
 * unchanged.
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
            String query = new URI(request.uri()).getRawQuery();
            // java.net.URI lets '[' and ']' into the query (RFC 2732); RFC 3986 allows them in a host only, and the
            // services' Tomcat refuses them before its application runs, so their problem could not name the path
            return query != null && (query.indexOf('[') >= 0 || query.indexOf(']') >= 0);
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
