package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshBackend;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/** Opens the Gateway API backend: one Kubernetes client per meshctl run, closed with the backend. */
public final class GatewayApiConnection {

    static final double VERIFY_RATE = 20;
    static final Duration VERIFY_SETTLE = Duration.ofSeconds(2);
    static final Duration VERIFY_WINDOW = Duration.ofSeconds(10);

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

    private GatewayApiConnection() {}

    /** The backend for {@code settings}; {@code progress} receives the waiting and verification lines. */
    public static MeshBackend open(GatewayApiSettings settings, Consumer<String> progress) {
        Config config = config(settings);
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(30_000);
        String namespace = settings.namespace() != null
                ? settings.namespace()
                : config.getNamespace() != null ? config.getNamespace() : "default";
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(
                        builder -> builder.addOrReplaceInterceptor("meshctl-field-manager", new FieldManager()))
                .build();
        KubeObjects kube = new KubeObjects(client, namespace);
        TrafficVerification traffic = settings.verifyUrl() == null
                ? null
                : new TrafficVerification(
                        settings.verifyUrl(), kube, progress, VERIFY_RATE, VERIFY_SETTLE, VERIFY_WINDOW);
        return new GatewayApiBackend(
                kube,
                settings.parent(),
                new RouteLiveness(kube, settings.waitTimeout(), progress),
                traffic,
                progress,
                client::close);
    }

    private static Config config(GatewayApiSettings settings) {
        try {
            if (settings.kubeconfig() != null) {
                if (!Files.isRegularFile(settings.kubeconfig())) {
                    throw new InvalidInputException("kubeconfig " + settings.kubeconfig() + " does not exist");
                }
                return Config.fromKubeconfig(
                        settings.context(), settings.kubeconfig().toFile());
            }
            return Config.autoConfigure(settings.context());
        } catch (KubernetesClientException e) {
            throw new InvalidInputException("cannot read the kubeconfig: " + e.getMessage());
        }
    }

    /** Names meshctl as the field manager of every write, as kubectl names itself. */
    private static final class FieldManager implements Interceptor {
        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (WRITES.contains(request.method()) && !request.uri().toString().contains("fieldManager=")) {
                URI uri = request.uri();
                String separator = uri.getRawQuery() == null ? "?" : "&";
                builder.uri(URI.create(uri + separator + "fieldManager=" + GatewayApiNames.FIELD_MANAGER));
            }
        }
    }
}
