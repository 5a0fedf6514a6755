package io.github.meshrefarch.mesh.load.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.github.meshrefarch.mesh.load.order.OrderResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitStatisticsTest {

    @Test
    void within_countsAtAndJustPastKSigma() {
        // n = 400, p = 0.25: mean 100, sigma sqrt(75) = 8.66; 3 sigma = 25.98
        assertThat(BinomialBounds.expected(400, 0.25)).isEqualTo(100.0);
        assertThat(BinomialBounds.standardDeviation(400, 0.25)).isCloseTo(8.660, within(0.001));
        assertThat(BinomialBounds.within(100, 400, 0.25, 3)).isTrue();
        assertThat(BinomialBounds.within(125, 400, 0.25, 3)).isTrue();
        assertThat(BinomialBounds.within(75, 400, 0.25, 3)).isTrue();
        assertThat(BinomialBounds.within(126, 400, 0.25, 3)).isFalse();
        assertThat(BinomialBounds.within(74, 400, 0.25, 3)).isFalse();
        assertThat(BinomialBounds.within(126, 400, 0.25, 4)).isTrue();
    }

    @Test
    void within_degenerateWeights_exact() {
        assertThat(BinomialBounds.within(0, 500, 0, 3)).isTrue();
        assertThat(BinomialBounds.within(1, 500, 0, 3)).isFalse();
        assertThat(BinomialBounds.within(500, 500, 1, 3)).isTrue();
        assertThat(BinomialBounds.within(499, 500, 1, 3)).isFalse();
        assertThat(BinomialBounds.within(0, 0, 0.5, 3)).isTrue();
    }

    @Test
    void within_invalidArguments_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> BinomialBounds.within(5, 4, 0.5, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> BinomialBounds.within(1, 4, 1.5, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> BinomialBounds.within(1, 4, 0.5, 0));
    }

    @Test
    void check_canaryWeights_oneCheckPerWeightedOrObservedVersion() {
        List<SplitCheck> checks =
                SplitCheck.check(Map.of("1.0", 290L, "1.5", 110L), Map.of("1.0", 75, "1.5", 25, "2.0", 0), 3);

        assertThat(checks).extracting(SplitCheck::version).containsExactly("1.0", "1.5", "2.0");
        assertThat(checks).allSatisfy(check -> assertThat(check.samples()).isEqualTo(400));
        assertThat(checks.get(0).expectedShare()).isEqualTo(0.75);
        assertThat(SplitCheck.allWithin(checks)).isTrue();
    }

    @Test
    void check_versionWithoutWeightObserved_fails() {
        List<SplitCheck> checks = SplitCheck.check(Map.of("1.0", 399L, "2.0", 1L), Map.of("1.0", 100), 3);

        assertThat(checks)
                .extracting(SplitCheck::version, SplitCheck::weight, SplitCheck::within)
                .containsExactly(tuple("1.0", 100, false), tuple("2.0", 0, false));
        assertThat(SplitCheck.allWithin(checks)).isFalse();
    }

    @Test
    void check_noPositiveWeight_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> SplitCheck.check(Map.of(), Map.of("1.0", 0), 3));
    }

    @Test
    void tally_countsPerServiceAndVersionAndWindowsRestart() {
        SplitTally tally = new SplitTally();
        tally.record(order("1.0", "1.0"));
        tally.record(order("1.5", "1.0"));
        tally.record(order("1.0", "2.0"));

        SplitCounts first = tally.takeWindow();
        tally.record(order("1.5", "2.0"));
        SplitCounts second = tally.takeWindow();

        assertThat(first.counts().keySet()).containsExactly("Order", "Product", "Customer");
        assertThat(first.versionsOf("Product")).containsExactly(Map.entry("1.0", 2L), Map.entry("1.5", 1L));
        assertThat(first.total("Customer")).isEqualTo(3);
        assertThat(first.share("Product", "1.5")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(second.total("Product")).isEqualTo(1);
        assertThat(first.plus(second).versionsOf("Product")).containsEntry("1.5", 2L);
        assertThat(tally.snapshot()).isEqualTo(SplitCounts.EMPTY);
        assertThat(SplitCounts.EMPTY.share("Product", "1.0")).isZero();
    }

    private static OrderResponse order(String product, String customer) {
        return OrderResponse.parse("{\"service\":\"Order\",\"version\":\"1.0\"}\n"
                + "{\"service\":\"Product\",\"version\":\"" + product + "\"}\n"
                + "{\"service\":\"Customer\",\"version\":\"" + customer + "\"}\n");
    }
}
