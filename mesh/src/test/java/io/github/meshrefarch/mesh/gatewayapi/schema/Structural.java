package io.github.meshrefarch.mesh.gatewayapi.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server does to a custom resource with a structural schema before and beside the OpenAPI checks, so
 * that the later checks see what the server would see:
 *
 * <ul>
 *   <li>prunes {@code null} values of fields that are not {@code nullable};
 *   <li>applies every {@code default} to absent fields (defaults are values, not checks);
 *   <li>reports unknown fields as {@code kubectl apply} does with its default {@code --validate=strict} (fields
 *       under {@code x-kubernetes-preserve-unknown-fields} are kept; {@code metadata} is the API server's own);
 *   <li>reports duplicates in lists of {@code x-kubernetes-list-type: set} and duplicate keys in lists of
 *       {@code x-kubernetes-list-type: map} ({@code x-kubernetes-list-map-keys}).
 * </ul>
 */
final class Structural {

    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private Structural() {}

    /** Changes {@code object} in place (pruning and defaulting) and adds what is wrong to {@code violations}. */
    static void apply(JsonNode schema, ObjectNode object, List<String> violations) {
        visit(schema, object, Paths.ROOT, violations);
    }

    private static void visit(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (value instanceof ObjectNode object) {
            visitObject(schema, object, path, violations);
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                visit(schema.get("items"), array.get(i), Paths.index(path, i), violations);
            }
            checkListType(schema, array, path, violations);
        }
    }

    private static void visitObject(JsonNode schema, ObjectNode object, String path, List<String> violations) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserveUnknown =
                schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (String name : new ArrayList<>(object.propertyNames())) {
            JsonNode child = object.get(name);
            JsonNode childSchema =
                    properties.has(name) ? properties.get(name) : additional.isObject() ? additional : null;
            if (child.isNull()
                    && (childSchema == null || !childSchema.path("nullable").asBoolean(false))) {
                object.remove(name);
            } else if (path.isEmpty() && name.equals("metadata")) {
                continue; // ObjectMeta: validated by the API server itself, not by the CRD
            } else if (childSchema != null) {
                visit(childSchema, child, Paths.field(path, name), violations);
            } else if (!preserveUnknown
                    && !additional.asBoolean(false)
                    && !(path.isEmpty() && ROOT_FIELDS.contains(name))) {
                violations.add(Paths.field(path, name) + ": unknown field \"" + name + "\" (strict field validation)");
            }
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode fallback = property.getValue().get("default");
            if (fallback != null && !object.has(property.getKey())) {
                JsonNode copy = fallback.deepCopy();
                object.set(property.getKey(), copy);
                visit(property.getValue(), copy, Paths.field(path, property.getKey()), violations);
            }
        }
    }

    private static void checkListType(JsonNode schema, ArrayNode array, String path, List<String> violations) {
        String listType = schema.path("x-kubernetes-list-type").asString("atomic");
        if (listType.equals("atomic")) {
            return;
        }
        List<String> keys = new ArrayList<>();
        schema.path("x-kubernetes-list-map-keys").forEach(key -> keys.add(key.asString()));
        Map<JsonNode, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode identity = listType.equals("map") ? mapKey(array.get(i), keys) : array.get(i);
            Integer first = seen.putIfAbsent(identity, i);
            if (first != null) {
                violations.add(Paths.index(path, i) + ": Duplicate value: " + identity + " (x-kubernetes-list-type: "
                        + listType + ", same as " + Paths.index(path, first) + ")");
            }
        }
    }

    private static JsonNode mapKey(JsonNode item, List<String> keys) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (String name : keys) {
            key.set(name, item.path(name).isMissingNode() ? JsonNodeFactory.instance.nullNode() : item.get(name));
        }
        return key;
    }
}
