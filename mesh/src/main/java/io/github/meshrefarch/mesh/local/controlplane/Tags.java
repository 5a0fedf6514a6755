package io.github.meshrefarch.mesh.local.controlplane;

import tools.jackson.databind.JsonNode;

/** App Mesh resource tags: up to 50, each a key of 1..128 characters and a value of up to 256. */
final class Tags {

    private Tags() {}

    /** Returns the {@code tags} member when valid (null when absent). */
    static JsonNode validate(JsonNode body) {
        JsonNode tags = Checks.list(body, "input", "tags", 0, 50);
        if (!tags.isArray()) {
            return null;
        }
        for (int i = 0; i < tags.size(); i++) {
            String path = "tags[%d]".formatted(i);
            Checks.object(tags.get(i), path);
            String key = Checks.requiredString(tags.get(i), path, "key");
            if (key.isEmpty() || key.length() > 128) {
                throw ApiException.badRequest("%s.key must be 1 to 128 characters long", path);
            }
            if (tags.get(i).has("value")
                    && Checks.requiredString(tags.get(i), path, "value").length() > 256) {
                throw ApiException.badRequest("%s.value must be at most 256 characters long", path);
            }
        }
        return tags.deepCopy();
    }
}
