package io.github.meshrefarch.mesh.load.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadStatisticsTest {

    private static final long START = 1_000_000_000L;

    @Test
    void abandonInFlight_countsEachAsATimeoutAtItsAgeAndIgnoresItsLateOutcome() {
        LoadStatistics statistics = new LoadStatistics(START);
        long answered = statistics.sent(START);
        long late = statistics.sent(START + nanos(100));
        statistics.sent(START + nanos(200));
        statistics.completed(answered, LoadResponse.ofStatus(200, "", Duration.ofMillis(5)));

        var abandoned = statistics.abandonInFlight(START + nanos(2_200));
        boolean counted = statistics.completed(late, LoadResponse.ofStatus(200, "", Duration.ofMillis(2_150)));
        LoadResult total = statistics.total(START + nanos(2_300));

        assertThat(abandoned)
                .extracting(LoadResponse::outcome, LoadResponse::latency)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LoadResponse.Outcome.TIMEOUT, Duration.ofMillis(2_100)),
                        org.assertj.core.groups.Tuple.tuple(LoadResponse.Outcome.TIMEOUT, Duration.ofMillis(2_000)));
        assertThat(counted).isFalse();
        assertThat(total.sent()).isEqualTo(3);
        assertThat(total.completed()).isEqualTo(3);
        assertThat(total.succeeded()).isEqualTo(1);
        assertThat(total.inFlight()).isZero();
        assertThat(total.errors()).isEqualTo(new ErrorCounts(0, 2, Map.of()));
        assertThat(total.latency().p50()).isGreaterThanOrEqualTo(Duration.ofMillis(1_990));
    }

    @Test
    void takeWindow_failedRequests_countInTheLatencyAndRequestsInFlightAreReported() {
        LoadStatistics statistics = new LoadStatistics(START);
        for (int i = 0; i < 8; i++) {
            long id = statistics.sent(START + nanos(i));
            statistics.completed(id, LoadResponse.ofStatus(200, "", Duration.ofMillis(2)));
        }
        long refused = statistics.sent(START + nanos(10));
        long timedOut = statistics.sent(START + nanos(11));
        statistics.sent(START + nanos(12));
        statistics.completed(refused, LoadResponse.ofFailure(LoadResponse.Outcome.CONNECTION_ERROR, ms(400)));
        statistics.completed(timedOut, LoadResponse.ofFailure(LoadResponse.Outcome.TIMEOUT, ms(3_000)));

        LoadResult window = statistics.takeWindow(START + nanos(4_000));

        assertThat(window.sent()).isEqualTo(11);
        assertThat(window.completed()).isEqualTo(10);
        assertThat(window.inFlight()).isEqualTo(1);
        assertThat(window.latency().p90()).isGreaterThanOrEqualTo(Duration.ofMillis(399));
        assertThat(window.latency().max()).isGreaterThanOrEqualTo(Duration.ofMillis(2_990));
    }

    private static long nanos(long millis) {
        return millis * 1_000_000;
    }

    private static Duration ms(int millis) {
        return Duration.ofMillis(millis);
    }
}
