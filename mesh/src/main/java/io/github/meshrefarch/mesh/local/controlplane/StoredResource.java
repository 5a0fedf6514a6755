package io.github.meshrefarch.mesh.local.controlplane;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One resource as the control plane keeps it: its spec exactly as the client sent it (so members this control plane
 * does not interpret round-trip), its tags and App Mesh's metadata.
 *
 * @param createdAtMillis creation time, epoch milliseconds
 * @param lastUpdatedAtMillis last change, epoch milliseconds
 * @param region the region the creating request was signed for; it goes into the ARN
 * @param clientToken the token of the last accepted create or update, for idempotent retries
 * @param requestDigest a digest of that request's input, to tell a retry from a different request with the same token
 */
record StoredResource(
        ResourceKey key,
        ObjectNode spec,
        JsonNode tags,
        String uid,
        long version,
        long createdAtMillis,
        long lastUpdatedAtMillis,
        String region,
        String clientToken,
        String requestDigest) {

    StoredResource updated(ObjectNode newSpec, long nowMillis, String token, String digest) {
        return new StoredResource(
                key, newSpec, tags, uid, version + 1, createdAtMillis, nowMillis, region, token, digest);
    }

    String arn(String account) {
        StringBuilder arn =
                new StringBuilder("arn:aws:appmesh:%s:%s:mesh/%s".formatted(region, account, key.meshName()));
        if (key.type() == ResourceType.ROUTE) {
            arn.append("/virtualRouter/").append(key.virtualRouterName());
        }
        if (key.type() != ResourceType.MESH) {
            arn.append('/').append(key.type().arnSegment()).append('/').append(key.name());
        }
        return arn.toString();
    }

    /** The resource as Describe, Create, Update and Delete return it (e.g. {@code VirtualNodeData}). */
    ObjectNode toData(String account, String status) {
        ObjectNode data = names();
        ObjectNode metadata = data.putObject("metadata");
        metadata.put("arn", arn(account));
        metadata.put("createdAt", epochSeconds(createdAtMillis));
        metadata.put("lastUpdatedAt", epochSeconds(lastUpdatedAtMillis));
        metadata.put("meshOwner", account);
        metadata.put("resourceOwner", account);
        metadata.put("uid", uid);
        metadata.put("version", version);
        data.set("spec", spec.deepCopy());
        data.putObject("status").put("status", status);
        return data;
    }

    /** The resource as List returns it (e.g. {@code VirtualNodeRef}). */
    ObjectNode toRef(String account) {
        ObjectNode ref = names();
        ref.put("arn", arn(account));
        ref.put("createdAt", epochSeconds(createdAtMillis));
        ref.put("lastUpdatedAt", epochSeconds(lastUpdatedAtMillis));
        ref.put("meshOwner", account);
        ref.put("resourceOwner", account);
        ref.put("version", version);
        return ref;
    }

    private ObjectNode names() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("meshName", key.meshName());
        if (key.type() == ResourceType.ROUTE) {
            node.put("virtualRouterName", key.virtualRouterName());
        }
        if (key.type() != ResourceType.MESH) {
            node.put(key.type().nameMember(), key.name());
        }
        return node;
    }

    /** App Mesh timestamps are epoch seconds, with a fraction. */
    private static BigDecimal epochSeconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }
}
