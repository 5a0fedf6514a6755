package io.github.meshrefarch.mesh.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.gatewayapi.TestController.Behaviour;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each way a change can go live or not, driven by a test controller writing the routes' status. */
class GatewayApiWaitIT extends MockClusterFixture {

    GatewayApiWaitIT() {
        super("01", "02");
    }

    @Test
    void accepted_forTheNewGeneration_isLive() {
        var result = cluster.step("03");

        assertThat(result.exitCode()).as(result.err()).isZero();
        long generation = cluster.route("product-vr").getMetadata().getGeneration();
        assertThat(result.err()).contains("HTTPRoute product-vr (generation " + generation + ") is live");
    }

    @Test
    void rejected_isExit3WithTheControllersReasonAndMessage() {
        controller.behave(Behaviour.REJECT);

        var result = cluster.step("03");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err())
                .contains("HTTPRoute product-vr")
                .contains("did not accept it: NotAllowedByListeners: no listener of the parent allows this route");
    }

    @Test
    void slowController_isWaitedForWithProgress() {
        controller.behave(Behaviour.SLOW).delay(Duration.ofSeconds(2));

        var result = cluster.step("03");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("waiting for HTTPRoute product-vr").contains("is live");
    }

    @Test
    void slowerThanTheWaitTimeout_isExit3SayingWhatIsMissing() {
        controller.behave(Behaviour.SLOW).delay(Duration.ofMinutes(5));

        var result =
                cluster.run("--wait-timeout", "1s", "step", "03", "--steps-dir", GatewayApiCluster.STEPS.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err())
                .contains("HTTPRoute product-vr")
                .contains("is not live after 1 s (--wait-timeout)")
                .contains("not yet reported for generation");
    }

    @Test
    void noObservedGeneration_isToleratedAndSaidSo() {
        controller.behave(Behaviour.NO_OBSERVED_GENERATION);

        var result = cluster.step("03");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("does not report observedGeneration").contains("--verify-url");
    }

    @Test
    void noControllerAtAll_isExit3AfterTheTimeout() throws Exception {
        controller.close();
        var fresh = cluster.run(
                "--wait-timeout",
                "1s",
                "--namespace",
                "empty",
                "step",
                "01",
                "--steps-dir",
                GatewayApiCluster.STEPS.toString());

        assertThat(fresh.exitCode()).isEqualTo(3);
        assertThat(fresh.err()).contains("no controller has reported on it yet");
    }

    @Test
    void waitTimeoutZero_doesNotWait() throws Exception {
        controller.close();

        var result =
                cluster.run("--wait-timeout", "0s", "step", "03", "--steps-dir", GatewayApiCluster.STEPS.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("not waiting for the routes' status (--wait-timeout 0)");
    }
}
