package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chaos: the canary workload (product-v15, at 25% after step 03) is killed -9 under steady load on order. The route's
 * retry policy (2 retries on server, gateway and connection errors) sends what the canary no longer answers to the
 * baseline, so order's callers see no failure; {@code local status} reports the canary crashed; the mesh is unchanged.
 */
class CanaryCrashIT {

    private static final String MESH = "demomesh";
    private static final int RATE = 20;

    @RegisterExtension
    final ChaosRig rig = new ChaosRig();

    @Test
    void canaryKilledAt25PercentUnderLoad_noRequestFails_statusShowsItCrashed_meshUnchanged() throws Exception {
        ChaosRig.requireServiceJars();
        rig.walkthroughToStep03();
        Map<String, String> before = rig.snapshot(MESH);
        long canary = rig.localState().workloads().get("product-v15").pid();

        OrderLoad.requireSteady(OrderLoad.run(rig.order(), RATE, Duration.ofSeconds(3)));
        OrderLoad load = OrderLoad.start(rig.order(), RATE);
        Thread.sleep(3_000);
        long killedAt = System.nanoTime();
        ChaosRig.kill9(canary);
        Thread.sleep(5_000);
        List<OrderLoad.Answer> answers = load.stop();

        List<OrderLoad.Answer> afterKill =
                answers.stream().filter(a -> a.sentNanos() > killedAt).toList();
        System.out.printf(
                "canary product-v15 killed -9 at 25%% under %d req/s: %d requests (%d after the kill), %d failed;"
                        + " versions %s%n",
                RATE,
                answers.size(),
                afterKill.size(),
                OrderLoad.failed(answers).size(),
                OrderLoad.versions(answers));
        assertThat(OrderLoad.failed(answers)).isEmpty();
        assertThat(OrderLoad.versions(answers)).containsKey("Product 1.5"); // the canary had traffic before
        assertThat(OrderLoad.versions(afterKill)).containsEntry("Product 1.0", afterKill.size());

        ChaosRig.Result status = ChaosRig.requireOk(
                rig.meshctl("local", "status", "--state-dir", rig.dir().toString()));
        assertThat(status.output().lines().filter(line -> line.startsWith("product-v15 ")))
                .singleElement()
                .asString()
                .contains(Long.toString(canary))
                .endsWith("crashed");
        assertThat(rig.snapshot(MESH)).as("the mesh, unchanged").isEqualTo(before);
    }
}
