package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between JSON written with the API's member names (the shape of the AWS CLI's
 * {@code --cli-input-json} and of App Mesh's responses) and SDK objects, driven by the SDK's
 * own field metadata ({@link SdkPojo#sdkFields()}), so every operation and shape is covered.
 */
final class SdkJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SdkJson() {}

    /** Builds an SDK object from {@code json}; an unknown member or a wrong type is invalid input naming its path. */
    static Object read(Supplier<SdkPojo> builder, JsonNode json, String path) {
        if (!json.isObject()) {
            throw new InvalidInputException(path + " must be a JSON object");
        }
        SdkPojo target = builder.get();
        Map<String, SdkField<?>> fields =
                target.sdkFields().stream().collect(Collectors.toMap(SdkField::memberName, Function.identity()));
        for (Map.Entry<String, JsonNode> member : json.properties()) {
            SdkField<?> field = fields.get(member.getKey());
            String memberPath = path + "." + member.getKey();
            if (field == null) {
                throw new InvalidInputException("unknown member " + memberPath + " (members: "
                        + String.join(", ", fields.keySet().stream().sorted().toList()) + ")");
            }
            field.set(target, value(field, member.getValue(), memberPath));
        }
        return ((SdkBuilder<?, ?>) target).build();
    }

    private static Object value(SdkField<?> field, JsonNode json, String path) {
        if (json.isNull()) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return read(field.constructor(), json, path);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            require(json.isArray(), path, "a JSON array");
            List<Object> values = new java.util.ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                values.add(value(member, json.get(i), path + "[" + i + "]"));
            }
            return values;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            require(json.isObject(), path, "a JSON object");
            Map<String, Object> values = new LinkedHashMap<>();
            json.properties()
                    .forEach(e -> values.put(e.getKey(), value(member, e.getValue(), path + "." + e.getKey())));
            return values;
        }
        return scalar(type, json, path);
    }

    private static Object scalar(MarshallingType<?> type, JsonNode json, String path) {
        if (type == MarshallingType.STRING) {
            require(json.isString(), path, "a string");
            return json.asString();
        }
        if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
            require(json.isIntegralNumber(), path, "an integer");
            return type == MarshallingType.INTEGER ? (Object) json.asInt() : (Object) json.asLong();
        }
        if (type == MarshallingType.BOOLEAN) {
            require(json.isBoolean(), path, "true or false");
            return json.asBoolean();
        }
        if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
            require(json.isNumber(), path, "a number");
            return type == MarshallingType.DOUBLE ? (Object) json.asDouble() : (Object) json.floatValue();
        }
        if (type == MarshallingType.INSTANT) {
            require(json.isString(), path, "an ISO-8601 timestamp");
            return Instant.parse(json.asString());
        }
        throw new InvalidInputException(path + ": members of type " + type + " are not supported");
    }

    private static void require(boolean ok, String path, String expected) {
        if (!ok) {
            throw new InvalidInputException(path + " must be " + expected);
        }
    }

    /** {@code pojo} as JSON with the API's member names; unset members are left out. */
    static JsonNode write(SdkPojo pojo) {
        ObjectNode json = JSON.createObjectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap)) {
                json.set(field.memberName(), toJson(value));
            }
        }
        return json;
    }

    private static JsonNode toJson(Object value) {
        if (value instanceof SdkPojo pojo) {
            return write(pojo);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.createArrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.createObjectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), toJson(item)));
            return object;
        }
        if (value instanceof Instant || value instanceof Enum<?>) {
            return JSON.getNodeFactory().stringNode(value.toString());
        }
        return JSON.valueToTree(value);
    }
}
