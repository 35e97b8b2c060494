package vn.danvan.statistics.units;

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
 * An unknown unit's 404 names its parameter as the platform's other problems name theirs (docs/errors.md: a
 * {@code field} member; "Tham số “unit” ..." in the detail, in the caller's language). The kit still writes the
 * problem (type, title, instance, trace id, its log line): its {@code NotFoundException} carries no field, so this
 * notes the parameter of an {@link UnknownUnitException} on the request before the kit's handler runs, and adds it to
 * the kit's body on the way out.
 */
@RestControllerAdvice
class UnknownUnitProblems implements HandlerExceptionResolver, Ordered, ResponseBodyAdvice<Object> {

    private static final String PARAMETER = UnknownUnitProblems.class.getName() + ".parameter";
    private static final String NOT_FOUND = "urn:danvan:problem:not-found";

    private final ViolationTexts texts;

    UnknownUnitProblems(ViolationTexts texts) {
        this.texts = texts;
    }

    /** Before every other resolver: notes the parameter and leaves the answer to the kit. */
    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (ex instanceof UnknownUnitException unknown) {
            request.setAttribute(PARAMETER, unknown.parameter());
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
                || !NOT_FOUND.equals(problem.get("type"))
                || !(request instanceof ServletServerHttpRequest servlet)
                || !(servlet.getServletRequest().getAttribute(PARAMETER) instanceof String parameter)) {
            return body;
        }
        // the kit's rule: Vietnamese unless Accept-Language ranks English above it, as the title beside it
        Locale locale = ViolationTexts.localeFor(request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
        Map<Object, Object> named = new LinkedHashMap<>();
        problem.forEach((member, value) -> {
            if ("traceId".equals(member)) {
                named.put("field", parameter); // with the other extension members, the trace id last as always
            }
            named.put(member, value);
        });
        named.putIfAbsent("field", parameter);
        named.put("detail", texts.text("statistics.unit.unknown", locale, parameter));
        return named;
    }
}
