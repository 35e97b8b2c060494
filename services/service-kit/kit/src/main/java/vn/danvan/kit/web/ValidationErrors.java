package vn.danvan.kit.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.SynthesizingMethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;

/**
 * The {@code errors} member of a validation problem: one entry per violated constraint, with the field
 * as a JSON path ({@code location.communeCode}, {@code participants[2].name}) or a request parameter's name as
 * the client wrote it ({@code Idempotency-Key}, with {@code in}), and a localized message.
 * Rejected values are never echoed: they may be personal data and the client has them anyway.
 */
final class ValidationErrors {

    private static final Set<String> NOT_ARGUMENTS = Set.of("message", "groups", "payload");

    /** Where a handler's parameter comes from in the request, as a problem's {@code in} names it. */
    private static final Map<Class<? extends Annotation>, String> SOURCES = Map.of(
            RequestParam.class, "query",
            PathVariable.class, "path",
            RequestHeader.class, "header",
            CookieValue.class, "cookie",
            RequestPart.class, "part");

    private final ProblemTexts texts;
    private final Locale locale;
    private final List<Map<String, Object>> entries = new ArrayList<>();

    /** Per entry: whether it says the value is missing (not null, not blank, not empty). */
    private final List<Boolean> required = new ArrayList<>();

    private static final Set<String> REQUIRED = Set.of("NotNull", "NotBlank", "NotEmpty");

    ValidationErrors(ProblemTexts texts, Locale locale) {
        this.texts = texts;
        this.locale = locale;
    }

    /**
     * The entries in a stable order (by field, then message: the validator reports them in no order), without the
     * other complaints about a field that is missing altogether ("must not be blank" says it; "size must be 1 to
     * 4000" beside it says nothing more).
     */
    List<Map<String, Object>> entries() {
        Set<Object> missing = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (required.get(i)) {
                missing.add(entries.get(i).get("field"));
            }
        }
        List<Map<String, Object>> kept = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object field = entries.get(i).get("field");
            if (required.get(i) || field == null || !missing.contains(field)) {
                kept.add(entries.get(i));
            }
        }
        kept.sort(Comparator.comparing((Map<String, Object> e) -> String.valueOf(e.getOrDefault("field", "")))
                .thenComparing(e -> String.valueOf(e.get("message"))));
        return kept;
    }

    ValidationErrors addAll(BindingResult result) {
        return addAll(result, null);
    }

    /** @param in {@code query} for an object bound from the query, null for the body */
    ValidationErrors addAll(BindingResult result, String in) {
        addErrors("", result.getAllErrors(), null, in);
        return this;
    }

    ValidationErrors addAll(MethodValidationResult result) {
        for (ParameterValidationResult parameter : result.getParameterValidationResults()) {
            String prefix = containerPrefix(parameter);
            if (parameter instanceof ParameterErrors errors) {
                addErrors(prefix, errors.getAllErrors(), parameter, null);
            } else {
                MethodParameter method = parameter.getMethodParameter();
                String fallback = method.getParameterName();
                Source source = source(method, fallback != null ? fallback : "arg" + method.getParameterIndex());
                for (MessageSourceResolvable error : parameter.getResolvableErrors()) {
                    add(
                            source.name() + prefix,
                            source.in(),
                            message(error, unwrap(parameter, error)),
                            isRequired(error));
                }
            }
        }
        for (MessageSourceResolvable error : result.getCrossParameterValidationResults()) {
            add(null, null, message(error, null), false);
        }
        return this;
    }

    ValidationErrors addAll(Set<? extends ConstraintViolation<?>> violations) {
        for (ConstraintViolation<?> violation : violations) {
            String code = violation
                    .getConstraintDescriptor()
                    .getAnnotation()
                    .annotationType()
                    .getSimpleName();
            // a handler's @RequestHeader, @RequestParam... validated by @Validated on its controller: named as the
            // client wrote it (Idempotency-Key), not as the Java parameter is called
            Source source = requestSource(violation);
            String field = path(violation.getPropertyPath(), source != null ? source.name() : null);
            Object[] arguments = arguments(field, violation.getConstraintDescriptor());
            add(
                    field.isEmpty() ? null : field,
                    source != null ? source.in() : null,
                    message(code, arguments, violation.getMessage(), violation),
                    REQUIRED.contains(code));
        }
        return this;
    }

    private void addErrors(String prefix, List<ObjectError> errors, ParameterValidationResult parameter, String in) {
        for (ObjectError error : errors) {
            ConstraintViolation<?> violation = parameter != null
                    ? unwrap(parameter, error)
                    : error.contains(ConstraintViolation.class) ? error.unwrap(ConstraintViolation.class) : null;
            if (error instanceof FieldError fieldError) {
                String field = prefix.isEmpty()
                        ? fieldError.getField()
                        : prefix + (fieldError.getField().startsWith("[") ? "" : ".") + fieldError.getField();
                add(field, in, message(error, violation), isRequired(error));
            } else {
                add(prefix.isEmpty() ? null : prefix, null, message(error, violation), isRequired(error));
            }
        }
    }

    private static boolean isRequired(MessageSourceResolvable error) {
        String[] codes = error.getCodes();
        return codes != null && codes.length > 0 && REQUIRED.contains(codes[codes.length - 1]);
    }

    private void add(String field, String in, String message, boolean missing) {
        required.add(missing);
        Map<String, Object> entry = new LinkedHashMap<>();
        if (field != null) {
            entry.put("field", field);
            if (in != null) {
                entry.put("in", in);
            }
        }
        entry.put("message", message);
        entries.add(entry);
    }

    private String message(MessageSourceResolvable error, ConstraintViolation<?> violation) {
        String[] codes = error.getCodes();
        String code = codes == null || codes.length == 0 ? null : codes[codes.length - 1];
        return message(code, error.getArguments(), error.getDefaultMessage(), violation);
    }

    /**
     * A constraint with the built-in message gets the kit's localized text for its constraint type;
     * one with a message the service wrote keeps it, looked up in the service's messages when it is a
     * {@code {key}} template.
     */
    private String message(String code, Object[] arguments, String defaultMessage, ConstraintViolation<?> violation) {
        arguments = readable(arguments);
        if (violation != null && !isBuiltInTemplate(violation.getMessageTemplate())) {
            String template = violation.getMessageTemplate();
            if (template.startsWith("{") && template.endsWith("}")) {
                // {key|U+202E}: a validator naming what it refused as the message's {0}, {1}... (one template per
                // value also keeps the violations apart: a Set of them holds equal templates on one field once)
                String[] parts = template.substring(1, template.length() - 1).split("\\|", -1);
                String own = texts.find(
                        parts[0],
                        locale,
                        parts.length > 1 ? (Object[]) Arrays.copyOfRange(parts, 1, parts.length) : arguments);
                if (own != null) {
                    return own;
                }
            }
            return violation.getMessage();
        }
        String text = code != null ? texts.find("field." + code, locale, arguments) : null;
        if (text != null) {
            return text;
        }
        return defaultMessage != null && violation == null ? defaultMessage : texts.get("field.invalid", locale);
    }

    /**
     * An array argument (a unit code's allowed types) as a list a reader can read, not its identity: a constant
     * in the reader's words where the texts name it ({@code enum.UnitType.COMMUNE}), else as written.
     */
    private Object[] readable(Object[] arguments) {
        if (arguments == null) {
            return null;
        }
        Object[] readable = arguments.clone();
        for (int i = 0; i < readable.length; i++) {
            if (readable[i] instanceof Object[] values) {
                List<String> words = new ArrayList<>(values.length);
                for (Object value : values) {
                    words.add(word(value));
                }
                readable[i] = String.join(", ", words);
            }
        }
        return readable;
    }

    private String word(Object value) {
        if (value instanceof Enum<?> constant) {
            String word =
                    texts.find("enum." + constant.getDeclaringClass().getSimpleName() + "." + constant.name(), locale);
            if (word != null) {
                return word;
            }
        }
        return String.valueOf(value);
    }

    private static boolean isBuiltInTemplate(String template) {
        return template.startsWith("{jakarta.validation.constraints.")
                || template.startsWith("{org.hibernate.validator.constraints.");
    }

    private static ConstraintViolation<?> unwrap(ParameterValidationResult parameter, MessageSourceResolvable error) {
        try {
            return parameter.unwrap(error, ConstraintViolation.class);
        } catch (IllegalArgumentException notAViolation) {
            return null;
        }
    }

    private static String containerPrefix(ParameterValidationResult parameter) {
        if (parameter.getContainerIndex() != null) {
            return "[" + parameter.getContainerIndex() + "]";
        }
        if (parameter.getContainerKey() != null) {
            return "[" + parameter.getContainerKey() + "]";
        }
        return "";
    }

    /** A parameter's name in the request and where it is; the fallback name and no place for any other. */
    private record Source(String name, String in) {}

    private static Source source(MethodParameter parameter, String fallback) {
        for (Map.Entry<Class<? extends Annotation>, String> source : SOURCES.entrySet()) {
            Annotation annotation = parameter.getParameterAnnotation(source.getKey());
            if (annotation != null) {
                // merged: @RequestHeader("Idempotency-Key") sets value, which name mirrors
                String name = MergedAnnotation.from(annotation).getString("name");
                return new Source(name.isEmpty() ? fallback : name, source.getValue());
            }
        }
        return new Source(fallback, null);
    }

    /**
     * The request source of the handler parameter a method-level violation is about, or null when it is about
     * something else (a service method's argument, a bean).
     */
    private static Source requestSource(ConstraintViolation<?> violation) {
        Path.MethodNode method = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER && method != null) {
                if (violation.getRootBeanClass() == null) {
                    return null;
                }
                Method handler = ReflectionUtils.findMethod(
                        ClassUtils.getUserClass(violation.getRootBeanClass()),
                        method.getName(),
                        method.getParameterTypes().toArray(Class<?>[]::new));
                if (handler == null) {
                    return null;
                }
                Source source = source(
                        new SynthesizingMethodParameter(
                                handler, node.as(Path.ParameterNode.class).getParameterIndex()),
                        node.getName());
                return source.in() != null ? source : null;
            } else {
                return null;
            }
        }
        return null;
    }

    /**
     * {@code register.command.location.communeCode} becomes {@code location.communeCode}: the method
     * and an object parameter's name are internal; a simple parameter keeps its name.
     */
    static String path(Path propertyPath) {
        return path(propertyPath, null);
    }

    /** @param parameterName the parameter's name in the request, which replaces its Java name; null for none */
    private static String path(Path propertyPath, String parameterName) {
        List<Path.Node> nodes = new ArrayList<>();
        propertyPath.forEach(nodes::add);
        StringBuilder path = new StringBuilder();
        boolean skippedParameter = false;
        for (Iterator<Path.Node> it = nodes.iterator(); it.hasNext(); ) {
            Path.Node node = it.next();
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.BEAN) {
                continue;
            }
            if (node.isInIterable() && (!path.isEmpty() || skippedParameter)) {
                path.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (kind == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (kind == ElementKind.PARAMETER && parameterName != null) {
                path.append(parameterName);
                continue;
            }
            if (kind == ElementKind.PARAMETER && it.hasNext()) {
                skippedParameter = true;
                continue;
            }
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(node.getName());
        }
        return path.toString();
    }

    /** Same shape as Spring's field error arguments: the field, then attributes by name. */
    private static Object[] arguments(String field, ConstraintDescriptor<?> descriptor) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(field);
        new TreeMap<>(descriptor.getAttributes()).forEach((name, value) -> {
            if (!NOT_ARGUMENTS.contains(name)) {
                arguments.add(value);
            }
        });
        return arguments.toArray();
    }
}
