package io.github.meshrefarch.mesh.gatewayapi.schema;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns what a test holds into the JSON tree the API server would receive: a fabric8 model object (serialized with
 * fabric8's own serializer, found at run time so that this code needs no fabric8 at compile time), a {@code Map}, a
 * Jackson tree, or a YAML/JSON document.
 */
final class Documents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String FABRIC8_SERIALIZATION = "io.fabric8.kubernetes.client.utils.KubernetesSerialization";

    private Documents() {}

    /** A deep copy of the object as a JSON object tree; the caller may change it. */
    static ObjectNode tree(Object object) {
        JsonNode node;
        if (object instanceof JsonNode json) {
            node = json.deepCopy();
        } else if (object instanceof CharSequence text) {
            node = YAML.readTree(text.toString());
        } else if (object instanceof Map<?, ?> map) {
            node = JSON.valueToTree(map);
        } else if (object.getClass().getName().startsWith("io.fabric8.")) {
            node = JSON.readTree(fabric8Json(object));
        } else {
            node = JSON.valueToTree(object);
        }
        if (!(node instanceof ObjectNode objectNode)) {
            throw new IllegalArgumentException("not a Kubernetes object (a JSON object was expected): " + object);
        }
        return objectNode;
    }

    /** Every document of a YAML stream (e.g. {@code kubectl kustomize} output), empty documents left out. */
    static List<ObjectNode> stream(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = YAML.createParser(yaml)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document instanceof ObjectNode object) {
                    documents.add(object);
                } else if (document != null && !document.isNull() && !document.isMissingNode()) {
                    throw new IllegalArgumentException("a YAML document that is not a Kubernetes object: " + document);
                }
            }
        }
        return documents;
    }

    private static String fabric8Json(Object object) {
        try {
            Class<?> type =
                    Class.forName(FABRIC8_SERIALIZATION, true, object.getClass().getClassLoader());
            Object serialization = type.getConstructor().newInstance();
            Method asJson = type.getMethod("asJson", Object.class);
            return (String) asJson.invoke(serialization, object);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot serialize " + object.getClass().getName() + " with fabric8's " + FABRIC8_SERIALIZATION, e);
        }
    }
}
