package vn.danvan.gateway.problem;

import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import vn.danvan.gateway.GatewayProperties;

/**
 * A request target over {@code danvan.gateway.request-head.max-target} gets a {@code uri-too-long} problem (414), headers
 * over {@code max-headers} a {@code header-fields-too-large} problem (431). Netty's decoder answers both itself, with
 * no body; its limits are set higher (application.yml) so that requests up to them reach this route of the Netty
 * server, before WebFlux, and get a problem the client can read. Beyond the decoder's limits its bodyless answer
 * remains.
 */
@Component
class OversizedRequestHead implements NettyRouteProvider {

    /** An {@code instance} longer than this is left out: the whole target would only repeat what was too long. */
    private static final int MAX_INSTANCE = 256;

    private final ProblemWriter problems;
    private final int maxTarget;
    private final int maxHeaders;

    OversizedRequestHead(ProblemWriter problems, GatewayProperties properties) {
        this.problems = problems;
        this.maxTarget = (int) properties.requestHead().maxTarget().toBytes();
        this.maxHeaders = (int) properties.requestHead().maxHeaders().toBytes();
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> request.uri().length() > maxTarget, this::targetTooLong)
                .route(request -> headerBytes(request) > maxHeaders, this::headersTooLarge);
    }

    /** As Netty counts them: each name and value, with the separator and line end. */
    static int headerBytes(HttpServerRequest request) {
        int bytes = 0;
        for (Map.Entry<String, String> header : request.requestHeaders()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private Publisher<Void> targetTooLong(HttpServerRequest request, HttpServerResponse response) {
        return refuse(
                request,
                response,
                Problem.of(ProblemType.URI_TOO_LONG).detailArguments(maxTarget).with("maxLength", maxTarget));
    }

    private Publisher<Void> headersTooLarge(HttpServerRequest request, HttpServerResponse response) {
        return refuse(
                request,
                response,
                Problem.of(ProblemType.HEADER_FIELDS_TOO_LARGE)
                        .detailArguments(maxHeaders)
                        .with("maxBytes", maxHeaders));
    }

    private Publisher<Void> refuse(HttpServerRequest request, HttpServerResponse response, Problem problem) {
        // the rest of such a request is not read: the connection is not reused
        return problems.answer(request, response, problem.header(HttpHeaders.CONNECTION, "close"), MAX_INSTANCE);
    }
}
