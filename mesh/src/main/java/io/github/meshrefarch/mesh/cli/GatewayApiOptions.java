package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.gatewayapi.GatewayApiConnection;
import io.github.meshrefarch.mesh.gatewayapi.GatewayApiSettings;
import io.github.meshrefarch.mesh.gatewayapi.ParentStyle;
import io.github.meshrefarch.mesh.model.MeshBackend;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options of {@code --target gateway-api}, kubectl's names where kubectl has them. */
final class GatewayApiOptions {

    @Option(
            names = "--kubeconfig",
            scope = ScopeType.INHERIT,
            description = "gateway-api: kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(
            names = "--context",
            scope = ScopeType.INHERIT,
            description = "gateway-api: kubeconfig context (default: the current context).")
    String context;

    @Option(
            names = "--namespace",
            scope = ScopeType.INHERIT,
            description = "gateway-api: namespace (default: the context's namespace, else default).")
    String namespace;

    @Option(
            names = "--gateway-api-parent",
            scope = ScopeType.INHERIT,
            paramLabel = "service|gateway[:NAME]",
            converter = ParentConverter.class,
            description = "gateway-api: attach routes to the virtual service's Service (GAMMA: Istio, Linkerd,"
                    + " Cilium) or to a Gateway (VPC Lattice; NAME defaults to the mesh) (default: service).")
    ParentStyle parent;

    @Option(
            names = "--wait-timeout",
            scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "gateway-api: how long to wait for every changed route's Accepted and ResolvedRefs"
                    + " (default: 60s; 0s does not wait).")
    Duration waitTimeout;

    @Option(
            names = "--verify-url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Order's URL. gateway-api: after a change, sample its traffic and check the split;"
                    + " rollout: where each step's split is sampled (default there: http://127.0.0.1:8080/).")
    URI verifyUrl;

    MeshBackend open(Consumer<String> progress) {
        return GatewayApiConnection.open(
                new GatewayApiSettings(kubeconfig, context, namespace, parent, waitTimeout, verifyUrl), progress);
    }

    static final class ParentConverter implements picocli.CommandLine.ITypeConverter<ParentStyle> {
        @Override
        public ParentStyle convert(String value) {
            try {
                return ParentStyle.parse(value);
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
