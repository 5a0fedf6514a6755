package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.hostname;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A data plane on ephemeral ports for one test: a route table the test publishes to, a registry of the upstreams it
 * registers, and an HTTP/1.1 client; everything is closed after the test.
 */
final class DataPlaneFixture implements BeforeEachCallback, AfterEachCallback {

    final InMemoryRouteTableSource source = new InMemoryRouteTableSource();
    final InMemoryServiceRegistry registry = new InMemoryServiceRegistry();
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<TestUpstream> upstreams = new ArrayList<>();
    private final DataPlaneLimits limits;
    private final Supplier<RandomGenerator> jitter;
    private LocalDataPlane dataPlane;

    /** With Envoy's default limits and random retry jitter. */
    DataPlaneFixture() {
        this(DataPlaneLimits.ENVOY_DEFAULTS, ThreadLocalRandom::current);
    }

    DataPlaneFixture(DataPlaneLimits limits, Supplier<RandomGenerator> jitter) {
        this.limits = limits;
        this.jitter = jitter;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        dataPlane = LocalDataPlane.start(source, registry, Map.of(), limits, jitter);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        dataPlane.close();
        upstreams.forEach(TestUpstream::close);
    }

    LocalDataPlane dataPlane() {
        return dataPlane;
    }

    /** Registers {@code upstream} under its name's hostname; it is closed after the test. */
    TestUpstream register(TestUpstream upstream) {
        upstreams.add(upstream);
        registry.register(hostname(upstream.name()), upstream.address());
        return upstream;
    }
}
