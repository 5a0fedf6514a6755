package io.github.meshrefarch.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, exactly what {@code kubectl apply -k} sends to a cluster,
 * and parses the result into Kubernetes model objects. Each directory is rendered once per test run.
 */
final class Kustomize {

    static final String KUBECTL_MISSING = "kubectl was not found on the PATH. These tests render every kustomization "
            + "with `kubectl kustomize` (kubectl 1.27 or newer, which embeds Kustomize 5): install it, e.g. "
            + "`apt-get install kubectl` from the Kubernetes apt repository, or see "
            + "https://kubernetes.io/docs/tasks/tools/";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<Path, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {}

    static List<HasMetadata> render(Path directory) {
        return RENDERED.computeIfAbsent(directory.toAbsolutePath().normalize(), Kustomize::run);
    }

    private static String renderYaml(Path directory) {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", directory.toString());
        Process process;
        try {
            process = builder.redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError(KUBECTL_MISSING, e);
        }
        try {
            process.getOutputStream().close();
            InputStream errors = process.getErrorStream();
            CompletableFuture<byte[]> stderrRead = CompletableFuture.supplyAsync(() -> readAll(errors));
            byte[] stdout = process.getInputStream().readAllBytes();
            byte[] stderr = stderrRead.join();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: "
                        + new String(stderr, StandardCharsets.UTF_8).strip());
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("reading the output of kubectl kustomize " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while rendering " + directory, e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("(stderr unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static List<HasMetadata> run(Path directory) {
        String yaml = renderYaml(directory);
        Object parsed = SERIALIZATION.unmarshal(yaml);
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        if (parsed instanceof HasMetadata single) {
            return List.of(single);
        }
        throw new AssertionError("kubectl kustomize " + directory + " rendered no Kubernetes objects");
    }
}
