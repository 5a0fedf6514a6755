package io.github.meshrefarch.mesh.local.controlplane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Create, Describe, Update, Delete and List for every resource kind, with App Mesh's rules: parents must exist, a
 * route's targets and a virtual service's provider must exist (a virtual node's backends are deliberately not
 * checked), names are unique, resources in use cannot be deleted, and a create or update retried with the same {@code
 * clientToken} and input is answered again without a second change.
 */
final class MeshOperations {

    private final MeshStore store;
    private final String account;
    private final JsonMapper mapper;
    private final Clock clock;
    private final ClientTokens tokens = new ClientTokens();

    MeshOperations(MeshStore store, String account, JsonMapper mapper, Clock clock) {
        this.store = store;
        this.account = account;
        this.mapper = mapper;
        this.clock = clock;
    }

    ObjectNode create(ResourceType type, ResourceKey parent, ObjectNode body, String region) {
        String name = Checks.requiredString(body, "input", type.nameMember());
        Checks.name(type.nameMember(), name);
        ObjectNode spec = spec(type, body);
        JsonNode tags = Tags.validate(body);
        String token = clientToken(body);
        String digest = digest(body);
        ResourceKey key = switch (type) {
            case MESH -> ResourceKey.mesh(name);
            case ROUTE -> ResourceKey.route(parent.meshName(), parent.name(), name);
            default -> ResourceKey.inMesh(type, parent.meshName(), name);
        };
        ClientTokens.Use use = new ClientTokens.Use("create", key, digest);
        return store.change(state -> {
            requireParent(state, key);
            StoredResource existing = state.find(key).orElse(null);
            boolean retry = tokens.isRetry(token, use);
            if (existing != null) {
                if (retry
                        || token != null
                                && token.equals(existing.clientToken())
                                && digest.equals(existing.requestDigest())) {
                    return new MeshStore.Outcome<>(state, existing.toData(account, "ACTIVE"));
                }
                throw ApiException.conflict("%s already exists", key.describe());
            }
            References.check(state, key, spec);
            long now = clock.millis();
            StoredResource created = new StoredResource(
                    key, spec, tags, UUID.randomUUID().toString(), 1, now, now, region, token, digest);
            return new MeshStore.Outcome<>(
                    state.with(created), created.toData(account, "ACTIVE"), () -> tokens.remember(token, use));
        });
    }

    ObjectNode describe(ResourceKey key) {
        MeshState state = store.snapshot();
        requireParent(state, key);
        return existing(state, key).toData(account, "ACTIVE");
    }

    ObjectNode update(ResourceKey key, ObjectNode body) {
        ObjectNode spec = spec(key.type(), body);
        String token = clientToken(body);
        String digest = digest(body);
        ClientTokens.Use use = new ClientTokens.Use("update", key, digest);
        return store.change(state -> {
            requireParent(state, key);
            StoredResource current = existing(state, key);
            if (tokens.isRetry(token, use)) {
                return new MeshStore.Outcome<>(state, current.toData(account, "ACTIVE"));
            }
            if (token != null && token.equals(current.clientToken())) {
                if (digest.equals(current.requestDigest())) {
                    return new MeshStore.Outcome<>(state, current.toData(account, "ACTIVE"));
                }
                throw ClientTokens.reused(token);
            }
            References.check(state, key, spec);
            StoredResource updated = current.updated(spec, clock.millis(), token, digest);
            return new MeshStore.Outcome<>(
                    state.with(updated), updated.toData(account, "ACTIVE"), () -> tokens.remember(token, use));
        });
    }

    ObjectNode delete(ResourceKey key) {
        return store.change(state -> {
            requireParent(state, key);
            StoredResource current = existing(state, key);
            References.requireUnused(state, key);
            return new MeshStore.Outcome<>(state.without(key), current.toData(account, "DELETED"));
        });
    }

    ObjectNode list(ResourceType type, ResourceKey parent, String limit, String nextToken) {
        MeshState state = store.snapshot();
        Pages.Page page;
        if (type == ResourceType.MESH) {
            page = Pages.page(state.ofType(ResourceType.MESH), limit, nextToken);
        } else {
            requireExists(state, parent);
            page = Pages.page(state.children(type, parent), limit, nextToken);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        page.items().forEach(resource -> answer.withArray(type.listMember()).add(resource.toRef(account)));
        answer.withArray(type.listMember());
        if (page.nextToken() != null) {
            answer.put("nextToken", page.nextToken());
        }
        return answer;
    }

    private StoredResource existing(MeshState state, ResourceKey key) {
        return state.find(key).orElseThrow(() -> notFound(key));
    }

    private void requireParent(MeshState state, ResourceKey key) {
        ResourceKey parent = key.parent();
        if (parent != null) {
            requireParent(state, parent);
            requireExists(state, parent);
        }
    }

    private void requireExists(MeshState state, ResourceKey key) {
        if (!state.contains(key)) {
            throw notFound(key);
        }
    }

    private ApiException notFound(ResourceKey key) {
        return ApiException.notFound("%s is not present for account %s", key.describe(), account);
    }

    /** The spec member: required and an object, except for a mesh, whose spec defaults to App Mesh's. */
    private static ObjectNode spec(ResourceType type, ObjectNode body) {
        JsonNode spec = body.get("spec");
        if ((spec == null || spec.isNull()) && type == ResourceType.MESH) {
            ObjectNode defaults = JsonNodeFactory.instance.objectNode();
            defaults.putObject("egressFilter").put("type", "DROP_ALL");
            return defaults;
        }
        Checks.required(body, "input", "spec");
        SpecValidator.validate(type, spec);
        return (ObjectNode) spec.deepCopy();
    }

    private static String clientToken(ObjectNode body) {
        JsonNode token = body.get("clientToken");
        if (token == null || token.isNull()) {
            return null;
        }
        if (!token.isString()) {
            throw ApiException.badRequest("input.clientToken must be a string");
        }
        return ClientTokens.validate(token.asString());
    }

    /** A digest of the request's input without its token: equal for a retry of the same request. */
    private String digest(ObjectNode body) {
        ObjectNode input = body.deepCopy();
        input.remove("clientToken");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(mapper.writeValueAsString(input).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
