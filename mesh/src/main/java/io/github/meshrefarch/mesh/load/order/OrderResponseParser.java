package io.github.meshrefarch.mesh.load.order;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads order's answers. A 200 body is one compact JSON object per line, order first, then its
 * backends:
 *
 * <pre>
 * {"service":"Order","version":"1.0"}
 * {"service":"Product","version":"1.5"}
 * {"service":"Customer","version":"1.0"}
 * </pre>
 *
 * The trailing newline is optional, {@code \r\n} and blank lines are tolerated. The single-document
 * form order gives for {@code Accept: application/json} ({@code {"service":..., "version":...,
 * "backends":[{...}, ...]}}) is read too. Anything else is rejected with the reason.
 */
final class OrderResponseParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int EXCERPT = 80;

    private OrderResponseParser() {}

    static OrderResponse parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedOrderResponseException("empty body, expected one JSON object per line");
        }
        Map<String, String> versions = new LinkedHashMap<>();
        String[] lines = body.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                readLine(lines[i], i + 1, versions);
            }
        }
        return new OrderResponse(versions);
    }

    static OrderError parseError(String body) {
        JsonNode node = readObject(body == null ? "" : body.strip(), "error body");
        JsonNode error = node.get("error");
        if (error == null || !error.isString()) {
            throw new MalformedOrderResponseException("error body has no string field 'error': " + excerpt(body));
        }
        JsonNode detail = node.get("detail");
        return new OrderError(error.stringValue(), detail != null && detail.isString() ? detail.stringValue() : "");
    }

    private static void readLine(String line, int number, Map<String, String> versions) {
        JsonNode node = readObject(line, "line " + number);
        add(node, "line " + number, versions);
        JsonNode backends = node.get("backends");
        if (backends != null) {
            if (!backends.isArray()) {
                throw new MalformedOrderResponseException("line " + number + ": 'backends' is not an array");
            }
            for (JsonNode backend : backends.values()) {
                add(backend, "line " + number + " backends", versions);
            }
        }
    }

    private static JsonNode readObject(String text, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedOrderResponseException(where + " is not JSON: " + excerpt(text));
        }
        if (node == null || !node.isObject()) {
            throw new MalformedOrderResponseException(where + " is not a JSON object: " + excerpt(text));
        }
        return node;
    }

    private static void add(JsonNode node, String where, Map<String, String> versions) {
        String service = text(node, "service", where);
        String version = text(node, "version", where);
        if (versions.putIfAbsent(service, version) != null) {
            throw new MalformedOrderResponseException(where + ": service '" + service + "' appears twice");
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw new MalformedOrderResponseException(
                    where + " has no string field '" + field + "': " + excerpt(node.toString()));
        }
        return value.stringValue();
    }

    private static String excerpt(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= EXCERPT ? "'" + oneLine + "'" : "'" + oneLine.substring(0, EXCERPT) + "...'";
    }
}
