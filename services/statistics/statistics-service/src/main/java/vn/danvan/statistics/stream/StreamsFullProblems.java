package vn.danvan.statistics.stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import vn.danvan.kit.web.ViolationTexts;

/**
 * A refused stream's 503 says why, in the caller's language: the kit writes the problem (type, title, status,
 * {@code Retry-After}, instance, trace id, its log line) from {@link StreamsFullException} with its generic detail, and
 * this puts the stream's own detail in its place, as {@code units/UnknownUnitProblems} does for unknown units.
 */
@RestControllerAdvice
class StreamsFullProblems implements HandlerExceptionResolver, Ordered, ResponseBodyAdvice<Object> {

    private static final String FULL = StreamsFullProblems.class.getName() + ".full";
    private static final String SERVICE_UNAVAILABLE = "urn:danvan:problem:service-unavailable";

    private final ViolationTexts texts;

    StreamsFullProblems(ViolationTexts texts) {
        this.texts = texts;
    }

    /** Before every other resolver: notes the refusal and leaves the answer to the kit. */
    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (ex instanceof StreamsFullException full) {
            request.setAttribute(FULL, full);
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof Map<?, ?> problem)
                || !SERVICE_UNAVAILABLE.equals(problem.get("type"))
                || !(request instanceof ServletServerHttpRequest servlet)
                || !(servlet.getServletRequest().getAttribute(FULL) instanceof StreamsFullException full)) {
            return body;
        }
        Locale locale = ViolationTexts.localeFor(request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
        Map<Object, Object> worded = new LinkedHashMap<>(problem);
        worded.put(
                "detail",
                texts.text("statistics.stream.full", locale, full.max(), StreamsFullException.RETRY_AFTER.toSeconds()));
        return worded;
    }
}
