package io.github.meshrefarch.mesh.local.controlplane;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The constraints of App Mesh's service model (lengths, ranges, enums, required members), checked on JSON trees. Every
 * failure is a {@code BadRequestException} naming the member by its path, e.g. {@code
 * spec.httpRoute.action.weightedTargets[1].weight}.
 */
final class Checks {

    static final Set<String> PROTOCOLS = Set.of("http", "http2", "grpc", "tcp");
    private static final Set<String> DURATION_UNITS = Set.of("s", "ms");

    private Checks() {}

    /** A resource name: 1..255 characters ({@code ResourceName}). */
    static void name(String path, String value) {
        if (value == null || value.isEmpty() || value.length() > 255) {
            throw ApiException.badRequest("%s must be 1 to 255 characters long", path);
        }
    }

    static void nameMember(JsonNode parent, String path, String member) {
        name(path + "." + member, requiredString(parent, path, member));
    }

    static JsonNode required(JsonNode parent, String path, String member) {
        JsonNode value = parent.get(member);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("%s.%s is required", path, member);
        }
        return value;
    }

    static JsonNode requiredObject(JsonNode parent, String path, String member) {
        JsonNode value = required(parent, path, member);
        object(value, path + "." + member);
        return value;
    }

    static void object(JsonNode value, String path) {
        if (!value.isObject()) {
            throw ApiException.badRequest("%s must be an object", path);
        }
    }

    static String requiredString(JsonNode parent, String path, String member) {
        JsonNode value = required(parent, path, member);
        if (!value.isString()) {
            throw ApiException.badRequest("%s.%s must be a string", path, member);
        }
        return value.asString();
    }

    static void optionalEnum(JsonNode parent, String path, String member, Set<String> allowed) {
        if (parent.has(member)) {
            requiredEnum(parent, path, member, allowed);
        }
    }

    static void requiredEnum(JsonNode parent, String path, String member, Set<String> allowed) {
        String value = requiredString(parent, path, member);
        if (!allowed.contains(value)) {
            throw ApiException.badRequest(
                    "%s.%s must be one of %s, not '%s'", path, member, String.join(", ", allowed), value);
        }
    }

    static void optionalRange(JsonNode parent, String path, String member, long min, long max) {
        if (parent.has(member)) {
            requiredRange(parent, path, member, min, max);
        }
    }

    static long requiredRange(JsonNode parent, String path, String member, long min, long max) {
        JsonNode value = required(parent, path, member);
        if (!value.isIntegralNumber()) {
            throw ApiException.badRequest("%s.%s must be an integer", path, member);
        }
        long number = value.asLong();
        if (number < min || number > max) {
            throw ApiException.badRequest("%s.%s must be between %d and %d, not %d", path, member, min, max, number);
        }
        return number;
    }

    /** A list member: absent, or an array of {@code min..max} elements. Returns the elements (possibly none). */
    static JsonNode list(JsonNode parent, String path, String member, int min, int max) {
        JsonNode value = parent.path(member);
        if (value.isMissingNode() || value.isNull()) {
            if (min > 0) {
                throw ApiException.badRequest("%s.%s is required", path, member);
            }
            return value;
        }
        if (!value.isArray()) {
            throw ApiException.badRequest("%s.%s must be a list", path, member);
        }
        if (value.size() < min || value.size() > max) {
            throw ApiException.badRequest(
                    "%s.%s must have %d to %d elements, not %d", path, member, min, max, value.size());
        }
        return value;
    }

    /** A union: at most one member set ({@code exactlyOne} = also at least one). Returns the member set, or null. */
    static String union(JsonNode parent, String path, boolean exactlyOne, String... members) {
        String found = null;
        for (String member : members) {
            if (parent.has(member) && !parent.get(member).isNull()) {
                if (found != null) {
                    throw ApiException.badRequest("%s must set only one of %s", path, String.join(", ", members));
                }
                found = member;
            }
        }
        if (found == null && exactlyOne) {
            throw ApiException.badRequest("%s must set one of %s", path, String.join(", ", members));
        }
        return found;
    }

    static void portMapping(JsonNode listener, String path) {
        JsonNode mapping = requiredObject(listener, path, "portMapping");
        requiredRange(mapping, path + ".portMapping", "port", 1, 65535);
        requiredEnum(mapping, path + ".portMapping", "protocol", PROTOCOLS);
    }

    /** An optional {@code Duration}: {@code {"unit": "s"|"ms", "value": >= 0}}. */
    static void duration(JsonNode parent, String path, String member) {
        if (!parent.has(member)) {
            return;
        }
        JsonNode duration = requiredObject(parent, path, member);
        optionalEnum(duration, path + "." + member, "unit", DURATION_UNITS);
        optionalRange(duration, path + "." + member, "value", 0, Long.MAX_VALUE);
    }
}
