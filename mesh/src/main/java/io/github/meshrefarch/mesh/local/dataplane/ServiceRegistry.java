package io.github.meshrefarch.mesh.local.dataplane;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where the workloads behind a DNS hostname currently listen, as Kubernetes endpoints (or Cloud Map instances) would
 * tell: {@code product-v15.default.svc.cluster.local} to {@code [127.0.0.1:43121]}.
 *
 * <p>The endpoint's own port is used, not the virtual node's listener port: on one machine every workload needs a port
 * of its own, where on Kubernetes each pod would listen on 8080 at its own address.
 */
public interface ServiceRegistry {

    /**
     * @param hostname a virtual node's service discovery hostname
     * @return the endpoints ready to serve it, empty when none is (never null); read on every request, so it must be
     *     cheap and thread-safe
     */
    List<InetSocketAddress> endpoints(String hostname);
}
