package vn.danvan.statistics.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The kit words an invalid query value generically ("sai kiểu dữ liệu hoặc sai định dạng"), which leaves a caller
 * guessing how to write a period. This rewrites only the detail of the kit's {@code invalid-value} problem whose
 * {@code field} is {@code period} (Params.period names it), listing the accepted forms in the language the kit chose
 * for the problem (its Content-Language); the problem's type, status and other members stay the kit's.
 */
@RestControllerAdvice
class PeriodProblems implements ResponseBodyAdvice<Object> {

    static final String INVALID_VALUE = "urn:danvan:problem:invalid-value";
    static final String FIELD = "period";

    private final MessageSource messages;

    PeriodProblems(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true; // decided per body: only problem maps are touched
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof Map<?, ?> problem)
                || !INVALID_VALUE.equals(problem.get("type"))
                || !FIELD.equals(problem.get("field"))) {
            return body;
        }
        Locale language = response.getHeaders().getContentLanguage();
        Locale locale = language != null && "en".equals(language.getLanguage()) ? Locale.ENGLISH : Locale.of("vi");
        String detail = messages.getMessage("statistics.period.invalid", new Object[] {FIELD}, null, locale);
        if (detail == null) {
            return body;
        }
        // the kit's members in their order, the trace id last
        Map<Object, Object> rewritten = new LinkedHashMap<>();
        problem.forEach((member, value) -> {
            if ("traceId".equals(member)) {
                rewritten.put("allowed", ACCEPTED);
            }
            rewritten.put(member, "detail".equals(member) ? detail : value);
        });
        rewritten.putIfAbsent("allowed", ACCEPTED);
        return rewritten;
    }

    /** One example of each form, as the problem's {@code allowed} member. */
    static final List<String> ACCEPTED =
            List.of("2026", "2026-H1", "2026-9M", "2026-Q3", "2026-07", "2026-07-15", "term:2025-2030");
}
