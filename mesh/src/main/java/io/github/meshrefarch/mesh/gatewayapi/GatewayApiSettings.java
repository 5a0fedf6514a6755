package io.github.meshrefarch.mesh.gatewayapi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how the Gateway API backend works, from meshctl's options: kubectl's {@code
 * --kubeconfig}, {@code --context} and {@code --namespace} (null: kubectl's defaults), the parent
 * style, how long to wait for route status (zero: do not wait) and the order URL whose traffic
 * proves a change (null: no traffic check).
 */
public record GatewayApiSettings(
        Path kubeconfig, String context, String namespace, ParentStyle parent, Duration waitTimeout, URI verifyUrl) {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    public GatewayApiSettings {
        parent = parent == null ? ParentStyle.SERVICE : parent;
        waitTimeout = waitTimeout == null ? DEFAULT_WAIT : waitTimeout;
    }
}
