package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.meshrefarch.mesh.model.MeshOperationException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The raw Kubernetes calls, one namespace: get, list by the mesh label, and read-change-write
 * with the object's {@code resourceVersion}, retried from a fresh read on 409 Conflict (another
 * controller or a GitOps tool wrote in between). Errors name the object.
 */
final class KubeObjects {

    static final int MAX_ATTEMPTS = 5;

    /** What a read-change-write did: the object as written (null when deleted or absent), whether it wrote. */
    record Written<T>(T object, boolean wrote) {}

    private final KubernetesClient client;
    private final String namespace;

    KubeObjects(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    <T extends HasMetadata> Optional<T> get(Class<T> type, String name) {
        return call(
                type,
                name,
                () -> Optional.ofNullable(client.resources(type)
                        .inNamespace(namespace)
                        .withName(name)
                        .get()));
    }

    <T extends HasMetadata> List<T> labelled(Class<T> type, String label, String value) {
        return call(
                type,
                label + "=" + value,
                () -> client.resources(type)
                        .inNamespace(namespace)
                        .withLabel(label, value)
                        .list()
                        .getItems());
    }

    /**
     * Reads the object, hands a copy to {@code change} (null when it does not exist), and writes the
     * result when it differs: create, update with the read {@code resourceVersion}, or delete when
     * {@code change} returns null. On 409 it starts again from a fresh read, at most {@link #MAX_ATTEMPTS} times.
     */
    <T extends HasMetadata> Written<T> edit(Class<T> type, String name, UnaryOperator<T> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<T> current = get(type, name);
            T changed = change.apply(current.map(this::copy).orElse(null));
            try {
                return write(type, name, current.orElse(null), changed);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw failure(type, name, e);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new MeshOperationException(
                            kind(type) + " " + name + " kept changing under meshctl: " + MAX_ATTEMPTS
                                    + " writes in a row met 409 Conflict; run the command again",
                            e);
                }
                pause(attempt);
            }
        }
    }

    private <T extends HasMetadata> Written<T> write(Class<T> type, String name, T current, T changed) {
        if (changed == null) {
            if (current == null) {
                return new Written<>(null, false);
            }
            client.resources(type).inNamespace(namespace).withName(name).delete();
            return new Written<>(null, true);
        }
        if (Objects.equals(current, changed)) {
            return new Written<>(current, false);
        }
        T written = current == null
                ? client.resource(changed).inNamespace(namespace).create()
                : client.resource(changed).inNamespace(namespace).update();
        return new Written<>(written, true);
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> T copy(T object) {
        return (T) client.getKubernetesSerialization().clone(object);
    }

    private <R> R call(Class<?> type, String name, java.util.function.Supplier<R> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw failure(type, name, e);
        }
    }

    private MeshOperationException failure(Class<?> type, String name, KubernetesClientException e) {
        String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        return new MeshOperationException(
                kind(type) + " " + name + " in namespace " + namespace + ": " + firstLine(reason), e);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no answer from the API server";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    static String kind(Class<?> type) {
        return type.getSimpleName();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshOperationException("interrupted while retrying a write", e);
        }
    }
}
