package io.github.meshrefarch.mesh.gatewayapi.schema;

import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A JSON value as the API server hands it to a CEL rule: integers as {@code int} (Long), objects as maps whose declared
 * property names are escaped the Kubernetes way ({@code namespace} is {@code __namespace__}, {@code a-b} is
 * {@code a__dash__b}), maps of {@code additionalProperties} with their keys as they are; at the object's root only
 * {@code metadata.name} and {@code metadata.generateName} are visible.
 */
final class CelValues {

    private static final Set<String> RESERVED = Set.of(
            "true",
            "false",
            "null",
            "in",
            "as",
            "break",
            "const",
            "continue",
            "else",
            "for",
            "function",
            "if",
            "import",
            "let",
            "loop",
            "package",
            "namespace",
            "return",
            "var",
            "void",
            "while");
    private static final Pattern ESCAPABLE = Pattern.compile("[a-zA-Z_.\\-/][a-zA-Z0-9_.\\-/]*");

    private CelValues() {}

    static Object of(JsonNode value, JsonNode schema, boolean root) {
        if (value.isObject()) {
            return object(value, schema, root);
        }
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            value.forEach(item -> items.add(of(item, schema.path("items"), false)));
            return items;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNull()) {
            return NullValue.NULL_VALUE;
        }
        return value.asString();
    }

    private static Map<String, Object> object(JsonNode value, JsonNode schema, boolean root) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean declared = !properties.isMissingNode() || !additional.isObject();
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String name = field.getKey();
            JsonNode fieldSchema = properties.has(name) ? properties.get(name) : additional;
            Object fieldValue = root && name.equals("metadata")
                    ? metadata(field.getValue())
                    : of(field.getValue(), fieldSchema, false);
            if (!declared) {
                map.put(name, fieldValue);
            } else {
                String escaped = escape(name);
                if (escaped != null) {
                    map.put(escaped, fieldValue);
                }
            }
        }
        return map;
    }

    private static Map<String, Object> metadata(JsonNode metadata) {
        Map<String, Object> visible = new LinkedHashMap<>();
        for (String name : List.of("name", "generateName")) {
            if (metadata.path(name).isString()) {
                visible.put(name, metadata.get(name).asString());
            }
        }
        return visible;
    }

    /** The name a CEL rule uses for a property, or null when a rule cannot name it. */
    static String escape(String name) {
        if (RESERVED.contains(name)) {
            return "__" + name + "__";
        }
        if (!ESCAPABLE.matcher(name).matches()) {
            return null;
        }
        return name.replace("__", "__underscores__")
                .replace(".", "__dot__")
                .replace("-", "__dash__")
                .replace("/", "__slash__");
    }
}
