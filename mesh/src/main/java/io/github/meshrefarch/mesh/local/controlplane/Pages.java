package io.github.meshrefarch.mesh.local.controlplane;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * List pagination as App Mesh does it: {@code limit} 1..100 (100 when absent), and an opaque {@code nextToken} that
 * resumes after the last name returned. Results are in name order, so a page boundary survives creates and deletes.
 */
final class Pages {

    static final int MAX_LIMIT = 100;

    record Page(List<StoredResource> items, String nextToken) {}

    private Pages() {}

    static Page page(List<StoredResource> all, String limitParameter, String nextToken) {
        int limit = limit(limitParameter);
        String after = nextToken == null ? null : decode(nextToken);
        List<StoredResource> remaining = after == null
                ? all
                : all.stream()
                        .filter(resource -> resource.key().name().compareTo(after) > 0)
                        .toList();
        if (remaining.size() <= limit) {
            return new Page(remaining, null);
        }
        List<StoredResource> items = remaining.subList(0, limit);
        return new Page(items, encode(items.get(items.size() - 1).key().name()));
    }

    private static int limit(String parameter) {
        if (parameter == null) {
            return MAX_LIMIT;
        }
        try {
            int limit = Integer.parseInt(parameter);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be an integer between 1 and %d, not '%s'", MAX_LIMIT, parameter);
    }

    private static String encode(String lastName) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("v1:" + lastName).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("v1:")) {
                return decoded.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.badRequest("Invalid nextToken '%s'", token);
    }
}
