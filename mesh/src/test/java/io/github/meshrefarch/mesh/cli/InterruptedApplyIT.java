package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chaos: the control plane is killed (-9) between two writes of an {@code apply}, a real meshctl process whose requests
 * pass through a proxy that kills the control plane once the chosen write is carried out (its answer is lost, the next
 * write never arrives). After a restart on the same state directory, the same apply again converges to exactly what an
 * uninterrupted run gives: the same resources, none twice, each with the version one write gives it.
 */
class InterruptedApplyIT {

    private static final String MESH = "demomesh";

    @RegisterExtension
    final ChaosRig rig = new ChaosRig();

    @Test
    void controlPlaneKilledBetweenTwoWrites_theSameApplyAgainConverges_noDuplicate_versionsAsOneRunGives()
            throws Exception {
        Path state = rig.dir().resolve("cp");
        Path canaries = CanaryDescriptions.bothCanaries(rig.dir().resolve("canaries.yaml"));
        Map<String, String> uninterrupted = uninterruptedRun(canaries);

        Process controlPlane = rig.startControlPlane(state, 0);
        ChaosRig.Result creating = interrupted(CanaryDescriptions.DEMOMESH, 5, controlPlane);
        controlPlane = rig.startControlPlane(state, 0);
        assertThat(rig.snapshot(MESH))
                .as("killed after the 5th create: the mesh and 4 virtual nodes exist")
                .hasSize(5)
                .allSatisfy((name, value) -> assertThat(value).startsWith("version 1,"));
        assertThat(rig.mesh("apply", "-f", CanaryDescriptions.DEMOMESH.toString())
                        .exitCode())
                .isZero();

        ChaosRig.Result updating = interrupted(canaries, 1, controlPlane);
        rig.startControlPlane(state, 0);
        assertThat(rig.snapshot(MESH).values().stream().filter(v -> v.startsWith("version 2,")))
                .as("killed after the first of two route updates: one route is at version 2")
                .hasSize(1);
        ChaosRig.Result again = rig.mesh("apply", "-f", canaries.toString());
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("0 to create, 1 to update");

        Map<String, String> converged = rig.snapshot(MESH);
        System.out.printf(
                "apply interrupted twice (after create 5, after update 1): exits %d and %d; converged to %d resources,"
                        + " same as an uninterrupted run: %s%n",
                creating.exitCode(), updating.exitCode(), converged.size(), converged.equals(uninterrupted));
        assertThat(converged).isEqualTo(uninterrupted);
        assertThat(converged.get("route product-vr/product-r")).startsWith("version 2,");
        assertThat(converged.get("route customer-vr/customer-r")).startsWith("version 2,");
        ChaosRig.Result third = rig.mesh("apply", "-f", canaries.toString());
        assertThat(third.output()).contains("0 to create, 0 to update");
        assertThat(rig.snapshot(MESH)).as("a third apply writes nothing").isEqualTo(converged);
    }

    /** Runs apply {@code file} through a proxy that kills the control plane after write {@code killAfter}. */
    private ChaosRig.Result interrupted(Path file, int killAfter, Process controlPlane) throws Exception {
        try (var proxy = new WriteInterceptingProxy(rig.endpoint()).afterWrite(killAfter, () -> {
            try {
                ChaosRig.kill9(controlPlane.pid());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            ChaosRig.Result result =
                    rig.meshctl("--endpoint-url", proxy.endpoint().toString(), "apply", "-f", file.toString());
            assertThat(controlPlane.isAlive())
                    .as("the control plane was killed")
                    .isFalse();
            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output().strip().lines().reduce((a, b) -> b).orElse(""))
                    .as("one error line at the end")
                    .startsWith("meshctl: ");
            return result;
        }
    }

    /** The walkthrough's mesh, then both canaries, on a control plane of its own, nothing interrupted. */
    private Map<String, String> uninterruptedRun(Path canaries) throws Exception {
        try (MeshctlHarness harness = new MeshctlHarness(rig.dir().resolve("reference"))) {
            assertThat(harness.run("apply", "-f", CanaryDescriptions.DEMOMESH.toString())
                            .exitCode())
                    .isZero();
            assertThat(harness.run("apply", "-f", canaries.toString()).exitCode())
                    .isZero();
            return MeshReadBack.snapshot(harness.controlPlane.endpoint(), MESH);
        }
    }
}
