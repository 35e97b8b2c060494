package vn.danvan.platform.contracts;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;

/**
 * What each service publishes must be documented where consumers look: every event record of a stream carries a JSON
 * Schema and an example beside it in its {@code -api} jar ({@code <Record>.schema.json}, {@code <Record>.example.json}),
 * the schema names exactly the record's fields, the example reads into the record, and docs/events.md lists every
 * topic and event type and nothing that does not exist.
 */
final class EventContracts {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Pattern DOCUMENTED_TYPE =
            Pattern.compile("\\bvn\\.danvan\\.[a-z]+\\.[A-Z][A-Za-z]+\\.v\\d+\\b");

    private EventContracts() {}

    /** Every stream declared as a {@code public static final EventStream} in the given packages. */
    static List<EventStream> streamsIn(String... packages) {
        List<EventStream> streams = new ArrayList<>();
        for (JavaClass javaClass : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages)) {
            for (JavaField field : javaClass.getFields()) {
                if (field.getRawType().isEquivalentTo(EventStream.class)
                        && field.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC)) {
                    streams.add(read(field.reflect()));
                }
            }
        }
        streams.sort(Comparator.comparing(EventStream::topic));
        return streams;
    }

    private static EventStream read(java.lang.reflect.Field field) {
        if (!Modifier.isPublic(field.getModifiers()) || !Modifier.isFinal(field.getModifiers())) {
            throw new IllegalStateException(field + " must be public static final");
        }
        try {
            return (EventStream) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Problems with one event record's published contract; empty when it is complete and consistent. */
    static List<String> violations(Class<? extends DomainEvent> event) {
        List<String> problems = new ArrayList<>();
        String name = event.getSimpleName();
        if (!event.isRecord()) {
            problems.add(name + ": an event must be an immutable record");
            return problems;
        }
        String type = EventStream.typeOf(event);
        Set<String> fields = new TreeSet<>(Arrays.stream(event.getRecordComponents())
                .map(RecordComponent::getName)
                .toList());

        JsonNode schema = resource(event, name + ".schema.json", problems);
        if (schema != null) {
            if (!type.equals(schema.path("x-cloudevents-type").asString(""))) {
                problems.add(name + ".schema.json: x-cloudevents-type must be " + type);
            }
            Set<String> properties = new TreeSet<>(schema.path("properties").propertyNames());
            if (!properties.equals(fields)) {
                problems.add(name + ".schema.json: properties " + properties + " differ from the record's " + fields);
            }
            for (JsonNode required : schema.path("required")) {
                if (!fields.contains(required.asString())) {
                    problems.add(
                            name + ".schema.json: required field " + required.asString() + " is not in the record");
                }
            }
            if (!schema.path("additionalProperties").isBoolean()
                    || schema.path("additionalProperties").asBoolean()) {
                problems.add(name + ".schema.json: additionalProperties must be false");
            }
        }
        JsonNode example = resource(event, name + ".example.json", problems);
        if (example != null) {
            try {
                Object value = JSON.treeToValue(example, event);
                Set<String> written = new TreeSet<>(JSON.valueToTree(value).propertyNames());
                Set<String> given = new TreeSet<>(example.propertyNames());
                if (!given.equals(written)) {
                    problems.add(name + ".example.json: fields " + given + " do not round-trip as " + written);
                }
            } catch (RuntimeException e) {
                problems.add(name + ".example.json does not read into " + event.getName() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private static JsonNode resource(Class<?> event, String file, List<String> problems) {
        try (InputStream in = event.getResourceAsStream(file)) {
            if (in == null) {
                problems.add(event.getSimpleName() + ": " + file + " missing beside the record in its -api module");
                return null;
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            problems.add(file + " is not valid JSON: " + e.getMessage());
            return null;
        }
    }

    /** Problems between the event catalog (Markdown) and the streams the code publishes. */
    static List<String> catalogViolations(String catalog, List<EventStream> streams) {
        List<String> problems = new ArrayList<>();
        Set<String> published = new LinkedHashSet<>();
        for (EventStream stream : streams) {
            if (!catalog.contains("`" + stream.topic() + "`")) {
                problems.add("docs/events.md does not list topic " + stream.topic());
            }
            for (Class<? extends DomainEvent> event : stream.events()) {
                String type = EventStream.typeOf(event);
                published.add(type);
                if (!catalog.contains("`" + type + "`")) {
                    problems.add("docs/events.md does not list " + type + " (" + stream.topic() + ")");
                }
            }
        }
        Matcher documented = DOCUMENTED_TYPE.matcher(catalog);
        while (documented.find()) {
            if (!published.contains(documented.group())) {
                problems.add("docs/events.md lists " + documented.group() + ", which no stream publishes");
            }
        }
        return problems;
    }
}
