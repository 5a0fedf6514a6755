package io.github.meshrefarch.mesh.local.dataplane;

import java.util.Map;

/**
 * What one virtual service's listener has seen since the data plane started.
 *
 * @param virtualServiceName the virtual service
 * @param requests requests received
 * @param serverErrors responses with a 5xx status sent back, the data plane's own 503 and 504 included
 * @param retries attempts made after a first one failed
 * @param targets per virtual node the requests were sent to
 */
public record VirtualServiceTraffic(
        String virtualServiceName, long requests, long serverErrors, long retries, Map<String, TargetTraffic> targets) {

    public VirtualServiceTraffic {
        targets = Map.copyOf(targets);
    }

    /**
     * What one weighted target (virtual node) has seen through one virtual service.
     *
     * @param virtualNodeName the target
     * @param requests attempts sent to it (each retry counts)
     * @param serverErrors 5xx responses it answered
     * @param connectionFailures attempts that could not reach it (no endpoint, refused, reset)
     */
    public record TargetTraffic(String virtualNodeName, long requests, long serverErrors, long connectionFailures) {}
}
