package io.github.meshrefarch.mesh.local.controlplane;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * App Mesh's idempotency tokens: up to 36 letters, digits, hyphens and underscores, each remembered with the request it
 * came with. The same token with the same request is a retry, answered again without a second change; with another
 * request (another resource, operation or input) it is a {@code ConflictException}, as App Mesh answers. The most
 * recent {@value #REMEMBERED} tokens are remembered, in memory; a resource also keeps its last token on disk. Only used
 * inside {@link MeshStore#change}, one change at a time.
 */
final class ClientTokens {

    /** What a token was used for: the operation, its resource and a digest of its input. */
    record Use(String operation, ResourceKey key, String digest) {}

    static final int REMEMBERED = 10_000;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,36}");

    private final Map<String, Use> uses = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Use> eldest) {
            return size() > REMEMBERED;
        }
    };

    static String validate(String token) {
        if (!FORMAT.matcher(token).matches()) {
            throw ApiException.badRequest(
                    "input.clientToken must be 1 to 36 letters, digits, hyphens and underscores, not '%s'", token);
        }
        return token;
    }

    static ApiException reused(String token) {
        return ApiException.conflict(
                "The request uses clientToken %s of an earlier request with different specifications; retry with"
                        + " a new clientToken",
                token);
    }

    /** Whether this is a retry of the request the token came with; a token of another request is refused. */
    boolean isRetry(String token, Use use) {
        Use earlier = token == null ? null : uses.get(token);
        if (earlier == null) {
            return false;
        }
        if (!earlier.equals(use)) {
            throw reused(token);
        }
        return true;
    }

    void remember(String token, Use use) {
        if (token != null) {
            uses.put(token, use);
        }
    }
}
