package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The edits batched for each object until the next commit, in the order they were asked for, so
 * that an object holding several App Mesh resources (an HTTPRoute holds a router, its virtual
 * service and its routes) is written once. Thread-safe: routes may be updated concurrently.
 */
final class PendingEdits {

    /** One object: its type and name. */
    record Key(Class<? extends HasMetadata> type, String name) {}

    /** The edits of one object; {@code deletes} when the last one removes it. */
    record Entry(Key key, List<UnaryOperator<HasMetadata>> edits, boolean deletes) {}

    private final Map<Key, List<UnaryOperator<HasMetadata>>> edits = new LinkedHashMap<>();
    private final Map<Key, Boolean> deleting = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    <T extends HasMetadata> void add(Class<T> type, String name, UnaryOperator<T> edit, boolean deletes) {
        Key key = new Key(type, name);
        synchronized (this) {
            edits.computeIfAbsent(key, k -> new ArrayList<>()).add(object -> edit.apply((T) object));
            deleting.put(key, deletes);
        }
    }

    /** Takes every batched entry of {@code type}, leaving the others. */
    synchronized List<Entry> take(Class<? extends HasMetadata> type, boolean deletes) {
        List<Entry> taken = new ArrayList<>();
        for (var it = edits.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            boolean entryDeletes = deleting.get(entry.getKey());
            if (entry.getKey().type() == type && entryDeletes == deletes) {
                taken.add(new Entry(entry.getKey(), List.copyOf(entry.getValue()), entryDeletes));
                it.remove();
                deleting.remove(entry.getKey());
            }
        }
        return taken;
    }

    synchronized boolean isEmpty() {
        return edits.isEmpty();
    }

    synchronized void clear() {
        edits.clear();
        deleting.clear();
    }
}
