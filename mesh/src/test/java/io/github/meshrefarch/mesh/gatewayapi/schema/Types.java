package io.github.meshrefarch.mesh.gatewayapi.schema;

import tools.jackson.databind.JsonNode;

/** Whether a JSON value has the type its structural schema declares (no type declared: any value). */
final class Types {

    private Types() {}

    static boolean matches(JsonNode schema, JsonNode value) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isIntegralNumber() || value.isString();
        }
        return switch (schema.path("type").asString("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }
}
