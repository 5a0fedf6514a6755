package io.github.meshrefarch.mesh.local.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetryBackOffTest {

    @Test
    void longestDraws_followEnvoysCeilings_25_75_175_thenTheCapOf250() {
        RetryBackOff backOff = new RetryBackOff(JitterSources.LONGEST.get());

        assertThat(delays(backOff, 6)).containsExactly(24L, 74L, 174L, 250L, 250L, 250L);
    }

    @Test
    void shortestDraws_retryAtOnce() {
        RetryBackOff backOff = new RetryBackOff(JitterSources.SHORTEST.get());

        assertThat(delays(backOff, 5)).containsOnly(0L);
    }

    @Test
    void seededDraws_stayInEnvoysRange_andSpreadOverIt() {
        // Envoy's ceilings (2^n - 1) x 25 ms stop growing once past the 250 ms maximum; draws are capped at 250
        long[] ceilings = {25, 75, 175, 375, 375};
        SplittableRandom seeded = new SplittableRandom(42);
        List<List<Long>> schedules = new ArrayList<>();
        for (int request = 0; request < 2_000; request++) {
            schedules.add(delays(new RetryBackOff(seeded), ceilings.length));
        }

        for (int retry = 0; retry < ceilings.length; retry++) {
            int n = retry;
            long[] values =
                    schedules.stream().mapToLong(schedule -> schedule.get(n)).toArray();
            long ceiling = ceilings[retry];
            for (long delay : values) {
                assertThat(delay).isBetween(0L, Math.min(ceiling - 1, 250));
            }
            // full jitter: the mean is near that of a uniform draw in [0, ceiling) capped at 250 (within 10%)
            double expected = LongStream.range(0, ceiling)
                    .map(delay -> Math.min(delay, 250))
                    .average()
                    .orElseThrow();
            double mean = LongStream.of(values).average().orElseThrow();
            assertThat(mean).isBetween(expected * 0.9, expected * 1.1);
        }
    }

    private static List<Long> delays(RetryBackOff backOff, int retries) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < retries; i++) {
            delays.add(backOff.nextDelayMillis());
        }
        return delays;
    }

    /** Jitter sources whose draws are known: the largest or the smallest value each bound allows. */
    enum JitterSources {
        LONGEST,
        SHORTEST;

        RandomGenerator get() {
            return new RandomGenerator() {
                @Override
                public long nextLong() {
                    throw new UnsupportedOperationException("only bounded draws are expected");
                }

                @Override
                public long nextLong(long bound) {
                    return JitterSources.this == LONGEST ? bound - 1 : 0;
                }
            };
        }
    }
}
