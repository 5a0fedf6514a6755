package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chaos: two meshctl processes apply two different complete descriptions of the same local mesh at once. Whatever the
 * interleaving, the mesh ends as one of the two descriptions, never a mix of both. The requests pass through a proxy
 * that holds each write until another write arrives (or 3 s): without mutual exclusion both writers read the mesh
 * before either writes, which is the interleaving that mixes.
 */
class ConcurrentWritersIT {

    private static final String MESH = "demomesh";

    @RegisterExtension
    final ChaosRig rig = new ChaosRig();

    @Test
    void twoAppliesAtOnce_theMeshEndsAsOneOfTheTwoDescriptions_neverAMix() throws Exception {
        rig.startControlPlane(rig.dir().resolve("cp"), 0);
        assertThat(rig.mesh("apply", "-f", CanaryDescriptions.DEMOMESH.toString())
                        .exitCode())
                .isZero();
        Path productCanary = CanaryDescriptions.productCanary(rig.dir().resolve("product-canary.yaml"));
        Path customerCanary = CanaryDescriptions.customerCanary(rig.dir().resolve("customer-canary.yaml"));
        Map<String, String> product =
                Map.of("product-r", "product-vn=75,product-v15-vn=25", "customer-r", "customer-vn=100");
        Map<String, String> customer =
                Map.of("product-r", "product-vn=100", "customer-r", "customer-vn=50,customer-v2-vn=50");

        try (var proxy = new WriteInterceptingProxy(rig.endpoint()).pairWrites(Duration.ofSeconds(3))) {
            String endpoint = proxy.endpoint().toString();
            Process first = rig.startMeshctl("--endpoint-url", endpoint, "apply", "-f", productCanary.toString());
            Process second = rig.startMeshctl("--endpoint-url", endpoint, "apply", "-f", customerCanary.toString());
            ChaosRig.Result firstResult = rig.finish(first);
            ChaosRig.Result secondResult = rig.finish(second);

            Map<String, String> result = Map.of(
                    "product-r", rig.weights(MESH, "product-vr", "product-r"),
                    "customer-r", rig.weights(MESH, "customer-vr", "customer-r"));
            System.out.printf(
                    "two writers at once: exits %d and %d, %d writes, %d times two writes waited together; mesh ends as"
                            + " %s%n",
                    firstResult.exitCode(), secondResult.exitCode(), proxy.writes(), proxy.pairsMade(), result);
            assertThat(List.of(firstResult.exitCode(), secondResult.exitCode()))
                    .as("%s%n%s", firstResult.output(), secondResult.output())
                    .containsOnly(0);
            assertThat(result).as("one of the two descriptions, whole").isIn(product, customer);
        }
    }
}
