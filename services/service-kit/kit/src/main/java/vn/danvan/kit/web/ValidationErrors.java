package vn.danvan.kit.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;

/**
 * The {@code errors} member of a validation problem: one entry per violated constraint, with the field
 * as a JSON path ({@code location.communeCode}, {@code participants[2].name}) and a localized message.
 * Rejected values are never echoed: they may be personal data and the client has them anyway.
 */
final class ValidationErrors {

    private static final Set<String> NOT_ARGUMENTS = Set.of("message", "groups", "payload");

    private final ProblemTexts texts;
    private final Locale locale;
    private final List<Map<String, Object>> entries = new ArrayList<>();

    ValidationErrors(ProblemTexts texts, Locale locale) {
        this.texts = texts;
        this.locale = locale;
    }

    List<Map<String, Object>> entries() {
        return entries;
    }

    ValidationErrors addAll(BindingResult result) {
        addErrors("", result.getAllErrors(), null);
        return this;
    }

    ValidationErrors addAll(MethodValidationResult result) {
        for (ParameterValidationResult parameter : result.getParameterValidationResults()) {
            String prefix = containerPrefix(parameter);
            if (parameter instanceof ParameterErrors errors) {
                addErrors(prefix, errors.getAllErrors(), parameter);
            } else {
                String name = parameterName(parameter) + prefix;
                for (MessageSourceResolvable error : parameter.getResolvableErrors()) {
                    add(name, message(error, unwrap(parameter, error)));
                }
            }
        }
        for (MessageSourceResolvable error : result.getCrossParameterValidationResults()) {
            add(null, message(error, null));
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
            String field = path(violation.getPropertyPath());
            Object[] arguments = arguments(field, violation.getConstraintDescriptor());
            add(field.isEmpty() ? null : field, message(code, arguments, violation.getMessage(), violation));
        }
        return this;
    }

    private void addErrors(String prefix, List<ObjectError> errors, ParameterValidationResult parameter) {
        for (ObjectError error : errors) {
            ConstraintViolation<?> violation = parameter != null
                    ? unwrap(parameter, error)
                    : error.contains(ConstraintViolation.class) ? error.unwrap(ConstraintViolation.class) : null;
            if (error instanceof FieldError fieldError) {
                String field = prefix.isEmpty()
                        ? fieldError.getField()
                        : prefix + (fieldError.getField().startsWith("[") ? "" : ".") + fieldError.getField();
                add(field, message(error, violation));
            } else {
                add(prefix.isEmpty() ? null : prefix, message(error, violation));
            }
        }
    }

    private void add(String field, String message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (field != null) {
            entry.put("field", field);
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
                String own = texts.find(template.substring(1, template.length() - 1), locale, arguments);
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

    /** An array argument (a unit code's allowed types) as a list a reader can read, not its identity. */
    private static Object[] readable(Object[] arguments) {
        if (arguments == null) {
            return null;
        }
        Object[] readable = arguments.clone();
        for (int i = 0; i < readable.length; i++) {
            if (readable[i] instanceof Object[] values) {
                readable[i] = Arrays.toString(values);
            }
        }
        return readable;
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

    private static String parameterName(ParameterValidationResult parameter) {
        var method = parameter.getMethodParameter();
        RequestParam param = method.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable path = method.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        RequestHeader header = method.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        RequestPart part = method.getParameterAnnotation(RequestPart.class);
        if (part != null && !part.name().isEmpty()) {
            return part.name();
        }
        String name = method.getParameterName();
        return name != null ? name : "arg" + method.getParameterIndex();
    }

    /**
     * {@code register.command.location.communeCode} becomes {@code location.communeCode}: the method
     * and an object parameter's name are internal; a simple parameter keeps its name.
     */
    static String path(Path propertyPath) {
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
