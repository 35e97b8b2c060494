package vn.danvan.kit.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import jakarta.validation.ConstraintViolationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns any exception a request can end with into a {@link Problem}: what kind of problem it is, and
 * what the client may learn about it. Exception messages are never copied into a problem: they can hold
 * stored values (a duplicate key is a citizen's phone number) or internals.
 */
final class ProblemMapper {

    /** About the time a store restarts or a replica set elects a new primary. */
    private static final String STORE_RETRY_AFTER_SECONDS = "5";

    private final ProblemTexts texts;
    private final HttpLimitsProperties limits;

    ProblemMapper(ProblemTexts texts, HttpLimitsProperties limits) {
        this.texts = texts;
        this.limits = limits;
    }

    /** @param path the request's path: a body too large is told the limit of its path */
    Problem map(Throwable ex, Locale locale, String path) {
        BodyTooLargeException tooLarge = causedBy(ex, BodyTooLargeException.class);
        if (tooLarge != null) {
            return payloadTooLarge(locale, tooLarge.limit());
        }
        if (ex instanceof MaxUploadSizeExceededException) {
            // the container's multipart limit, set as high as the path's (HttpLimitsProperties)
            return payloadTooLarge(locale, limits.limitFor(path));
        }
        if (ex instanceof MultipartException) {
            // no boundary, a part cut short, a body that is no multipart at all: the client's bytes, not us
            return new Problem(ProblemType.MALFORMED_BODY)
                    .detail(texts.get("problem.malformed-body.detail.multipart", locale));
        }
        if (ex instanceof RequestRejectedException) {
            // Spring Security's firewall: a header value or path it refuses (non-ASCII in a header, "//", ";")
            return new Problem(ProblemType.BAD_REQUEST)
                    .detail(texts.get("problem.bad-request.detail.firewall", locale));
        }
        if (ex instanceof InvalidParameterException) {
            // Tomcat could not decode the query or form parameters (a bad percent-escape, too many of them)
            return new Problem(ProblemType.BAD_REQUEST)
                    .detail(texts.get("problem.bad-request.detail.parameters", locale));
        }
        if (ex instanceof BindException bind) {
            // a query value that is no value of its field's type (?kind=FOO into a query object): invalid-value naming
            // the field and what it takes, as a single @RequestParam's or a body's would be
            for (FieldError error : bind.getBindingResult().getFieldErrors()) {
                if (error.contains(TypeMismatchException.class)) {
                    return invalidValue(
                            error.getField(),
                            error.unwrap(TypeMismatchException.class).getRequiredType(),
                            locale);
                }
            }
            return validationFailed(
                    new ValidationErrors(texts, locale).addAll(bind.getBindingResult(), boundFrom(bind)), locale);
        }
        if (ex instanceof MethodValidationResult result) {
            return validationFailed(new ValidationErrors(texts, locale).addAll(result), locale);
        }
        if (ex instanceof ConstraintViolationException violations) {
            return validationFailed(
                    new ValidationErrors(texts, locale).addAll(violations.getConstraintViolations()), locale);
        }
        if (ex instanceof HttpMessageNotReadableException unreadable) {
            return unreadableBody(unreadable, locale);
        }
        if (ex instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName();
            return invalidValue(name != null ? name : "", mismatch.getRequiredType(), locale);
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return missing(missing.getParameterName(), "query", locale);
        }
        if (ex instanceof MissingRequestHeaderException missing) {
            return missing(missing.getHeaderName(), "header", locale);
        }
        if (ex instanceof MissingServletRequestPartException missing) {
            return missing(missing.getRequestPartName(), "part", locale);
        }
        if (ex instanceof MissingRequestCookieException missing) {
            return missing(missing.getCookieName(), "cookie", locale);
        }
        if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
            List<String> allowed = mediaTypes(unsupported.getSupportedMediaTypes());
            String given = unsupported.getContentType() != null
                    ? unsupported.getContentType().toString()
                    : texts.get("problem.unsupported-media-type.none", locale);
            return new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE)
                    .detail(text(ProblemType.UNSUPPORTED_MEDIA_TYPE, locale, given, String.join(", ", allowed)))
                    .with("allowed", allowed)
                    .headers(unsupported.getHeaders());
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
            List<String> allowed = mediaTypes(notAcceptable.getSupportedMediaTypes());
            return new Problem(ProblemType.NOT_ACCEPTABLE)
                    .detail(text(ProblemType.NOT_ACCEPTABLE, locale, String.join(", ", allowed)))
                    .with("allowed", allowed);
        }
        if (ex instanceof HttpRequestMethodNotSupportedException notSupported) {
            List<String> allowed = notSupported.getSupportedMethods() != null
                    ? List.of(notSupported.getSupportedMethods())
                    : List.of();
            return new Problem(ProblemType.METHOD_NOT_ALLOWED)
                    .detail(text(ProblemType.METHOD_NOT_ALLOWED, locale, notSupported.getMethod()))
                    .with("allowed", allowed)
                    .headers(notSupported.getHeaders());
        }
        if (ex instanceof NotFoundException notFound) {
            return coded(ProblemType.NOT_FOUND, notFound.code(), notFound.arguments(), locale)
                    .with("field", notFound.field());
        }
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return simple(ProblemType.NOT_FOUND, locale);
        }
        if (ex instanceof UnauthenticatedException unauthenticated) {
            return simple(ProblemType.UNAUTHENTICATED, locale)
                    .header(HttpHeaders.WWW_AUTHENTICATE, unauthenticated.challenge());
        }
        if (ex instanceof ForbiddenException forbidden) {
            return coded(ProblemType.FORBIDDEN, forbidden.code(), forbidden.arguments(), locale);
        }
        if (ex instanceof IllegalTransitionException transition) {
            // the detail is read by people: a service's labels for its states and actions ("state.<STATE>",
            // "action.<action>") where it has them; the members keep the codes for programs
            return new Problem(ProblemType.ILLEGAL_TRANSITION)
                    .detail(text(
                            ProblemType.ILLEGAL_TRANSITION,
                            locale,
                            label("state." + transition.currentState(), transition.currentState(), locale),
                            label("action." + transition.action(), transition.action(), locale)))
                    .with("currentState", transition.currentState())
                    .with("action", transition.action())
                    .with("allowed", transition.allowedActions());
        }
        if (ex instanceof ConflictException conflict) {
            return coded(ProblemType.CONFLICT, conflict.code(), conflict.arguments(), locale);
        }
        if (ex instanceof RuleViolationException violation) {
            return coded(ProblemType.RULE_VIOLATION, violation.code(), violation.arguments(), locale)
                    .with("field", violation.field());
        }
        if (ex instanceof TooManyRequestsException tooMany) {
            long seconds = tooMany.retryAfterSeconds();
            return new Problem(ProblemType.TOO_MANY_REQUESTS)
                    .detail(text(ProblemType.TOO_MANY_REQUESTS, locale, seconds))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        if (ex instanceof ServiceUnavailableException unavailable) {
            return coded(ProblemType.SERVICE_UNAVAILABLE, unavailable.code(), unavailable.arguments(), locale)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(unavailable.retryAfterSeconds()));
        }
        if (ex instanceof DataAccessResourceFailureException
                || causedBy(ex, com.mongodb.MongoTimeoutException.class) != null
                || causedBy(ex, com.mongodb.MongoSocketException.class) != null) {
            // the store is down or unreachable: a moment's trouble the client may retry (with its Idempotency-Key),
            // not a fault of the request nor a bug; where the store is gone is nobody else's business
            return new Problem(ProblemType.SERVICE_UNAVAILABLE)
                    .detail(text(ProblemType.SERVICE_UNAVAILABLE, locale))
                    .header(HttpHeaders.RETRY_AFTER, STORE_RETRY_AFTER_SECONDS);
        }
        if (ex instanceof OptimisticLockingFailureException) {
            return simple(ProblemType.CONCURRENT_MODIFICATION, locale);
        }
        if (ex instanceof DuplicateKeyException || isMongoDuplicateKey(ex)) {
            return simple(ProblemType.DUPLICATE, locale);
        }
        if (ex instanceof ErrorResponse response) {
            return forStatus(response.getStatusCode().value(), locale, path, null)
                    .headers(response.getHeaders());
        }
        return internalError();
    }

    /**
     * A problem known only by its HTTP status, e.g. from the servlet container's error dispatch.
     *
     * @param method the request's method when known, for a 405
     */
    Problem forStatus(int status, Locale locale, String path, String method) {
        ProblemType type = ProblemType.forStatus(status);
        if (type == ProblemType.INTERNAL_ERROR) {
            return internalError();
        }
        if (type == ProblemType.METHOD_NOT_ALLOWED) {
            // the container refuses TRACE itself: say which method, never a placeholder
            return new Problem(type)
                    .detail(
                            method != null
                                    ? text(type, locale, method)
                                    : texts.get("problem.method-not-allowed.detail.any", locale));
        }
        if (type == ProblemType.PAYLOAD_TOO_LARGE) {
            return payloadTooLarge(locale, limits.limitFor(path));
        }
        return simple(type, locale).status(status);
    }

    /** @param maxBytes the limit the body passed */
    Problem payloadTooLarge(Locale locale, long maxBytes) {
        return new Problem(ProblemType.PAYLOAD_TOO_LARGE)
                .detail(text(ProblemType.PAYLOAD_TOO_LARGE, locale, maxBytes))
                .with("maxBytes", maxBytes);
    }

    /** No detail at all: whatever went wrong inside is for the log, found there by the trace id. */
    private Problem internalError() {
        return new Problem(ProblemType.INTERNAL_ERROR);
    }

    private Problem simple(ProblemType type, Locale locale) {
        return new Problem(type).detail(text(type, locale));
    }

    /** The service's own detail and {@code code} when it gave a code; the type's generic detail otherwise. */
    private Problem coded(ProblemType type, String code, Object[] arguments, Locale locale) {
        String detail = code != null ? texts.find(code, locale, arguments) : null;
        return new Problem(type)
                .detail(detail != null ? detail : text(type, locale))
                .with("code", code);
    }

    private Problem validationFailed(ValidationErrors errors, Locale locale) {
        return new Problem(ProblemType.VALIDATION_FAILED)
                .detail(text(
                        ProblemType.VALIDATION_FAILED, locale, errors.entries().size()))
                .with("errors", errors.entries());
    }

    private Problem missing(String name, String in, Locale locale) {
        return new Problem(ProblemType.MISSING_PARAMETER)
                .detail(texts.get("problem.missing-parameter.detail." + in, locale, name))
                .with("field", name)
                .with("in", in);
    }

    /**
     * Jackson tells apart JSON that does not parse, a value of the wrong type (with the path of the
     * field), an enum constant that does not exist and a property the target does not have.
     */
    private Problem unreadableBody(HttpMessageNotReadableException ex, Locale locale) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return new Problem(ProblemType.INVALID_VALUE)
                    .detail(texts.get("problem.invalid-value.detail.unknown-field", locale, field))
                    .with("field", field)
                    .with(
                            "allowed",
                            unknown.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .toList());
        }
        if (cause instanceof InvalidFormatException format) {
            return invalidValue(path(format), format.getTargetType(), locale);
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            return invalidValue(path(mismatch), mismatch.getTargetType(), locale);
        }
        if (cause instanceof ValueInstantiationException instantiation
                && !instantiation.getPath().isEmpty()) {
            return invalidValue(path(instantiation), null, locale);
        }
        // Unparseable JSON, an empty body, or a document of the wrong shape altogether.
        return simple(ProblemType.MALFORMED_BODY, locale);
    }

    /** {@code query} for an object a handler binds from the query (its filters), null for a body. */
    private static String boundFrom(BindException bind) {
        return bind instanceof MethodArgumentNotValidException invalid
                        && !invalid.getParameter().hasParameterAnnotation(RequestBody.class)
                        && !invalid.getParameter().hasParameterAnnotation(RequestPart.class)
                ? "query"
                : null;
    }

    private Problem invalidValue(String field, Class<?> targetType, Locale locale) {
        Problem problem = new Problem(ProblemType.INVALID_VALUE).with("field", field);
        // a service that reads a parameter its own way (statistics' period) says in its messages what it accepts
        String own = texts.find("problem.invalid-value.field." + field + ".detail", locale, field);
        String examples = texts.find("problem.invalid-value.field." + field + ".allowed", locale);
        if (own != null) {
            return examples == null
                    ? problem.detail(own)
                    : problem.detail(own).with("allowed", List.of(examples.split(",\\s*")));
        }
        if (targetType != null && targetType.isEnum()) {
            // a service whose API writes a value in its own case (statistics' by=child) lists it that way
            List<String> allowed = examples == null ? enumValues(targetType) : List.of(examples.split(",\\s*"));
            return problem.detail(
                            texts.get("problem.invalid-value.detail.enum", locale, field, String.join(", ", allowed)))
                    .with("allowed", allowed);
        }
        String format = targetType == null ? null : FORMATS.get(targetType);
        if (format != null) {
            // say what the value should look like: an officer types "2026-12-01" where an instant is asked for
            String example = texts.get("problem.format." + format, locale);
            return problem.detail(texts.get("problem.invalid-value.detail.format", locale, field, example))
                    .with("format", example);
        }
        return problem.detail(text(ProblemType.INVALID_VALUE, locale, field));
    }

    /** The types whose format a person can be told, by the key of its description. */
    private static final Map<Class<?>, String> FORMATS = Map.ofEntries(
            Map.entry(Instant.class, "instant"),
            Map.entry(OffsetDateTime.class, "instant"),
            Map.entry(ZonedDateTime.class, "instant"),
            Map.entry(LocalDate.class, "date"),
            Map.entry(LocalDateTime.class, "local-date-time"),
            Map.entry(YearMonth.class, "year-month"),
            Map.entry(Integer.class, "integer"),
            Map.entry(int.class, "integer"),
            Map.entry(Long.class, "integer"),
            Map.entry(long.class, "integer"),
            Map.entry(Short.class, "integer"),
            Map.entry(short.class, "integer"),
            Map.entry(Double.class, "number"),
            Map.entry(double.class, "number"),
            Map.entry(Float.class, "number"),
            Map.entry(float.class, "number"),
            Map.entry(BigDecimal.class, "number"),
            Map.entry(Boolean.class, "boolean"),
            Map.entry(boolean.class, "boolean"),
            Map.entry(UUID.class, "uuid"));

    private String text(ProblemType type, Locale locale, Object... arguments) {
        return texts.get(type.detailKey(), locale, arguments);
    }

    /** {@code location.communeCode}, {@code participants[2].role}: the path as the client wrote it. */
    static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The constants as they appear in JSON, honouring {@code @JsonProperty} renames. */
    static List<String> enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> {
                    String name = ((Enum<?>) constant).name();
                    try {
                        JsonProperty renamed = enumType.getField(name).getAnnotation(JsonProperty.class);
                        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : name;
                    } catch (NoSuchFieldException impossible) {
                        return name;
                    }
                })
                .toList();
    }

    private static List<String> mediaTypes(List<MediaType> types) {
        return types.stream().map(MediaType::toString).toList();
    }

    private static boolean isMongoDuplicateKey(Throwable ex) {
        MongoServerException mongo = causedBy(ex, MongoServerException.class);
        return mongo != null && ErrorCategory.fromErrorCode(mongo.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    static <T extends Throwable> T causedBy(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private String label(String key, String code, Locale locale) {
        String text = texts.find(key, locale);
        return text != null ? text : code;
    }
}
