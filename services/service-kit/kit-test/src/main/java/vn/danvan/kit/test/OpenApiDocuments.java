package vn.danvan.kit.test;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reading a service's OpenAPI document in tests: what its problem answers and objects hold. */
public final class OpenApiDocuments {

    /** The reference of the kit's shared problem schema. */
    public static final String PROBLEM = "#/components/schemas/Problem";

    private OpenApiDocuments() {}

    /** The schema reference of a response's {@code application/problem+json} body; empty if it has none. */
    public static String problemSchemaOf(JsonNode response) {
        return response.path("content")
                .path("application/problem+json")
                .path("schema")
                .path("$ref")
                .asString();
    }

    /** The member names of a JSON object, in order (response codes, parameter names, ...). */
    public static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
