package io.github.meshrefarch.mesh.load.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The split test's stated figures checked against simulated data planes (fixed seeds): one that applies 25/75
 * exactly must be flagged about as rarely as stated, one that sends 30% must be caught about as often as stated.
 * The bounds are the stated rates plus sampling slack that a wrong rate (three times the stated false alarms, or a
 * power of 0.97 instead of 0.99) would exceed.
 */
class SplitTestSimulationTest {

    private static final int SAMPLES = 3000; // the rollout's default: 10 s at 300 answers/s

    @Test
    void falseAlarm_atTheDefaultSample_isAtMostTheStatedRate() {
        double stated = SplitTest.test(Map.of("1.0", 2250L, "1.5", 750L), Map.of("1.0", 75, "1.5", 25))
                .falseAlarm();
        int trials = 40_000;
        int alarms = simulate(0.25, trials, 7);

        assertThat(stated).isLessThanOrEqualTo(SplitTest.DEFAULT_FALSE_ALARM_LIMIT);
        // expected alarms: stated * trials (<= 40); Poisson slack of 3.5 sigma, well below 3x the stated rate
        double expected = stated * trials;
        assertThat(alarms).isLessThanOrEqualTo((int) Math.ceil(expected + 3.5 * Math.sqrt(expected) + 1));
    }

    @Test
    void power_atTheDefaultSample_catchesThirtyAgainstTwentyFiveAsOftenAsStated() {
        SplitVerdict verdict = SplitTest.test(Map.of("1.0", 2250L, "1.5", 750L), Map.of("1.0", 75, "1.5", 25));
        double statedPower = BinomialRegion.of(SAMPLES, 0.25, SplitTest.DEFAULT_FALSE_ALARM_LIMIT)
                .power(0.30);
        int trials = 20_000;
        int caught = simulate(0.30, trials, 11);

        assertThat(verdict.smallestMisroute()).isLessThan(0.05);
        assertThat(statedPower).isGreaterThanOrEqualTo(SplitTest.POWER);
        // misses expected: (1 - power) * trials (<= 200); a power of 0.97 would miss about 600
        double missesExpected = (1 - statedPower) * trials;
        assertThat(trials - caught)
                .isLessThanOrEqualTo((int) Math.ceil(missesExpected + 3.5 * Math.sqrt(missesExpected) + 1));
    }

    @Test
    void requiredSamples_forThirtyAgainstTwentyFive_isBelowTheDefaultSample() {
        long required = SplitTest.requiredSamples(0.25, 0.30, SplitTest.DEFAULT_FALSE_ALARM_LIMIT);

        // normal approximation: ((3.29 sqrt(.25 .75) + 2.33 sqrt(.3 .7)) / .05)^2 = 2482
        assertThat(required).isBetween(2300L, 2700L).isLessThan(SAMPLES);
    }

    @Test
    void region_smallSample_catchesLessAndSaysSo() {
        SplitVerdict small = SplitTest.test(Map.of("1.0", 75L, "1.5", 25L), Map.of("1.0", 75, "1.5", 25));
        SplitVerdict large = SplitTest.test(Map.of("1.0", 7500L, "1.5", 2500L), Map.of("1.0", 75, "1.5", 25));

        assertThat(small.within()).isTrue();
        assertThat(small.smallestMisroute()).isGreaterThan(0.15);
        assertThat(large.smallestMisroute()).isLessThan(0.03);
        assertThat(large.figures()).matches("false alarm 0\\.0\\d{3}, catches ±\\d\\.\\d points at 0\\.99");
    }

    @Test
    void exactWeights_anAnswerFromAVersionWeightedZeroIsAMisroute_andChanceNeverRaisesOne() {
        SplitVerdict clean = SplitTest.test(Map.of("1.0", 500L), Map.of("1.0", 100, "1.5", 0));
        SplitVerdict leak = SplitTest.test(Map.of("1.0", 499L, "1.5", 1L), Map.of("1.0", 100, "1.5", 0));

        assertThat(clean.within()).isTrue();
        assertThat(clean.falseAlarm()).isZero();
        assertThat(leak.within()).isFalse();
    }

    @Test
    void noAnswer_isNotVerified() {
        SplitVerdict none = SplitTest.test(Map.of(), Map.of("1.0", 75, "1.5", 25));

        assertThat(none.within()).isFalse();
        assertThat(none.smallestMisroute()).isEqualTo(1);
    }

    @Test
    void verdict_isTheRegionsAcceptance_forEveryCountAroundTheBounds() {
        BinomialRegion region = BinomialRegion.of(SAMPLES, 0.25, SplitTest.DEFAULT_FALSE_ALARM_LIMIT);

        for (long canary : new long[] {region.lowest() - 1, region.lowest(), region.highest(), region.highest() + 1}) {
            Map<String, Long> observed = Map.of("1.0", SAMPLES - canary, "1.5", canary);
            assertThat(SplitTest.test(observed, Map.of("1.0", 75, "1.5", 25)).within())
                    .as("canary count %d", canary)
                    .isEqualTo(region.accepts(canary));
        }
    }

    /**
     * Steps in which a data plane sending share {@code q} to 1.5 is flagged, out of {@code trials}; each step's
     * verdict is the region's acceptance ({@link #verdict_isTheRegionsAcceptance_forEveryCountAroundTheBounds}).
     */
    private static int simulate(double q, int trials, long seed) {
        BinomialRegion region = BinomialRegion.of(SAMPLES, 0.25, SplitTest.DEFAULT_FALSE_ALARM_LIMIT);
        SplittableRandom random = new SplittableRandom(seed);
        int flagged = 0;
        for (int trial = 0; trial < trials; trial++) {
            long canary = 0;
            for (int i = 0; i < SAMPLES; i++) {
                if (random.nextDouble() < q) {
                    canary++;
                }
            }
            if (!region.accepts(canary)) {
                flagged++;
            }
        }
        return flagged;
    }
}
