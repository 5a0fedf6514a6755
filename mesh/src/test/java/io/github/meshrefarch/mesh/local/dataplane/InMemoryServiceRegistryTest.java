package io.github.meshrefarch.mesh.local.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class InMemoryServiceRegistryTest {

    private static final String PRODUCT_V15 = "product-v15.default.svc.cluster.local";

    private final InMemoryServiceRegistry registry = new InMemoryServiceRegistry();
    private final InetSocketAddress first = new InetSocketAddress("127.0.0.1", 41001);
    private final InetSocketAddress second = new InetSocketAddress("127.0.0.1", 41002);

    @Test
    void register_addsEndpointsOnce_deregisterRemovesThem() {
        registry.register(PRODUCT_V15, first);
        registry.register(PRODUCT_V15, first);
        registry.register(PRODUCT_V15, second);
        assertThat(registry.endpoints(PRODUCT_V15)).containsExactly(first, second);

        registry.deregister(PRODUCT_V15, first);
        assertThat(registry.endpoints(PRODUCT_V15)).containsExactly(second);

        registry.deregisterAll(PRODUCT_V15);
        assertThat(registry.endpoints(PRODUCT_V15)).isEmpty();
    }

    @Test
    void endpoints_unknownOrMissingHostname_isEmpty() {
        assertThat(registry.endpoints("customer.default.svc.cluster.local")).isEmpty();
        assertThat(registry.endpoints(null)).isEmpty();
    }
}
