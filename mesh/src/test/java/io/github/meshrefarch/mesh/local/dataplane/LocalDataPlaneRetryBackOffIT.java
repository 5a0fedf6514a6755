package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.retryPolicy;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retries wait Envoy's jittered exponential back-off. The jitter source here always draws the longest wait its bound
 * allows, so the schedule is known (24, 74 and 174 ms before retries 1 to 3); the test only bounds the gaps from below,
 * which a slow machine cannot break.
 */
class LocalDataPlaneRetryBackOffIT {

    @RegisterExtension
    final DataPlaneFixture mesh =
            new DataPlaneFixture(DataPlaneLimits.ENVOY_DEFAULTS, RetryBackOffTest.JitterSources.LONGEST::get);

    @Test
    void failingTarget_retriesSpacedByTheBackOff_thenItsAnswerRelayed() throws Exception {
        TestUpstream failing = mesh.register(TestUpstream.failing("product", 503));
        mesh.source.publish(virtualService(
                PRODUCT, route("/", retryPolicy(3, Duration.ZERO, "gateway-error"), null, target("product", 100))));
        int port = mesh.dataPlane().listenerAddress(PRODUCT).orElseThrow().getPort();

        HttpResponse<String> response = mesh.client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        List<Long> arrivals = failing.arrivalNanos();
        assertThat(arrivals).hasSize(4);
        long[] minimumGapMillis = {24, 74, 174};
        for (int retry = 0; retry < minimumGapMillis.length; retry++) {
            Duration gap = Duration.ofNanos(arrivals.get(retry + 1) - arrivals.get(retry));
            assertThat(gap)
                    .as("gap before retry %d", retry + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(minimumGapMillis[retry]));
        }
        assertThat(mesh.dataPlane().traffic().get(PRODUCT).retries()).isEqualTo(3);
    }
}
