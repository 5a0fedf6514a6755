package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chaos: the mesh daemon (the local control plane and data plane, one process) is killed -9 in the middle of the
 * walkthrough, at the canary (step 03), and {@code local up} is run again. The mesh comes back as it was (every
 * resource, spec and version), order's traffic comes back through the canary's split (the first seconds, on the new
 * daemon's cold JVM, are counted and shown; the next ones must all succeed), and the walkthrough goes on.
 */
class DaemonCrashIT {

    private static final String MESH = "demomesh";
    private static final int RATE = 20;

    @RegisterExtension
    final ChaosRig rig = new ChaosRig();

    @Test
    void daemonKilledAtTheCanary_localUpAgain_meshIntact_trafficBackOnTheSplit_walkthroughGoesOn() throws Exception {
        ChaosRig.requireServiceJars();
        rig.walkthroughToStep03();
        Map<String, String> before = rig.snapshot(MESH);
        long daemon = rig.localState().daemon().pid();
        OrderLoad.requireSteady(OrderLoad.run(rig.order(), RATE, Duration.ofSeconds(3)));

        ChaosRig.kill9(daemon);
        ChaosRig.Result up = ChaosRig.requireOk(
                rig.meshctl("local", "up", "--state-dir", rig.dir().toString()));
        assertThat(rig.localState().daemon().pid()).as("a new mesh daemon").isNotEqualTo(daemon);
        assertThat(up.output()).doesNotContain("Step 01"); // the mesh was there: nothing created again
        assertThat(rig.snapshot(MESH))
                .as("every resource, spec and version, as before the kill")
                .isEqualTo(before);

        // The new daemon's JVM is cold: its first answers are counted and shown, not required to be all successes.
        List<OrderLoad.Answer> first = OrderLoad.run(rig.order(), RATE, Duration.ofSeconds(3));
        List<OrderLoad.Answer> answers = OrderLoad.run(rig.order(), RATE, Duration.ofSeconds(5));
        Map<String, Integer> versions = OrderLoad.versions(answers);
        System.out.printf(
                "mesh daemon killed -9 at step 03, local up again: %d resources as before; first 3 s after: %d"
                        + " requests, %d failed %s; next 5 s: %d requests, %d failed; versions %s%n",
                before.size(),
                first.size(),
                OrderLoad.failed(first).size(),
                OrderLoad.failed(first).stream()
                        .map(OrderLoad.Answer::detail)
                        .distinct()
                        .toList(),
                answers.size(),
                OrderLoad.failed(answers).size(),
                versions);
        assertThat(OrderLoad.versions(first)).as("traffic is back at once").isNotEmpty();
        assertThat(OrderLoad.failed(answers)).isEmpty();
        assertThat(versions).containsOnlyKeys("Order 1.0", "Product 1.0", "Product 1.5", "Customer 1.0");

        ChaosRig.requireOk(rig.mesh("step", "04"));
        answers = OrderLoad.run(rig.order(), RATE, Duration.ofSeconds(2));
        assertThat(OrderLoad.failed(answers)).isEmpty();
        assertThat(OrderLoad.versions(answers)).containsOnlyKeys("Order 1.0", "Product 1.5", "Customer 1.0");
    }
}
