package io.github.meshrefarch.mesh.local.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttemptPlannerTest {

    @Test
    void routeTimeout_unsetIsAppMeshsFifteenSeconds_zeroIsNone_elseAsSet() {
        assertThat(AttemptPlanner.routeTimeout(null)).isEqualTo(Duration.ofSeconds(15));
        assertThat(AttemptPlanner.routeTimeout(Duration.ZERO)).isZero();
        assertThat(AttemptPlanner.routeTimeout(Duration.ofMillis(2500))).isEqualTo(Duration.ofMillis(2500));
    }
}
