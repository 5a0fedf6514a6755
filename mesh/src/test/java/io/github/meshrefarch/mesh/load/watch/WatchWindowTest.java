package io.github.meshrefarch.mesh.load.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.load.generator.ErrorCounts;
import io.github.meshrefarch.mesh.load.generator.LoadResponse;
import io.github.meshrefarch.mesh.load.split.SplitCounts;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WatchWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final WatchWindow window = new WatchWindow(10, now::get);

    @Test
    void snapshot_countsVersionsErrorsAndUnreadableBodiesOfTheWindow() {
        at(500, ok("1.0"), ok("1.0"), ok("1.0"));
        at(5_000, ok("1.5"), LoadResponse.ofStatus(502, "{\"error\":\"product unavailable\"}", ms(3)));
        at(
                5_100,
                LoadResponse.ofStatus(200, "oops", ms(1)),
                LoadResponse.ofFailure(LoadResponse.Outcome.TIMEOUT, ms(9)));

        WatchSnapshot snapshot = snapshotAt(5_500);

        assertThat(snapshot.covered()).isEqualTo(Duration.ofMillis(5_500));
        assertThat(snapshot.responses()).isEqualTo(7);
        assertThat(snapshot.split().versionsOf("Product")).isEqualTo(Map.of("1.0", 3L, "1.5", 1L));
        assertThat(snapshot.split().share("Product", "1.5")).isEqualTo(0.25);
        assertThat(snapshot.split().versionsOf("Customer")).isEqualTo(Map.of("1.0", 4L));
        assertThat(snapshot.unreadable()).isEqualTo(1);
        assertThat(snapshot.errors()).isEqualTo(new ErrorCounts(0, 1, Map.of(502, 1L)));
        assertThat(snapshot.latency().max().toMillis()).isEqualTo(9); // the timeout counts too
        assertThat(snapshot.rate()).isEqualTo(7 / 5.5);
    }

    @Test
    void snapshot_timeoutsAndConnectionErrors_countInTheLatencyAtTheTimeTheyTook() {
        at(500, ok("1.0"), ok("1.0"), ok("1.0"));
        at(
                900,
                LoadResponse.ofFailure(LoadResponse.Outcome.TIMEOUT, ms(3_000)),
                LoadResponse.ofFailure(LoadResponse.Outcome.TIMEOUT, ms(3_000)),
                LoadResponse.ofFailure(LoadResponse.Outcome.CONNECTION_ERROR, ms(2_000)));

        WatchSnapshot snapshot = snapshotAt(1_000);

        assertThat(snapshot.errors()).isEqualTo(new ErrorCounts(1, 2, Map.of()));
        // six requests: three fast answers, a connection error after 2 s and two timeouts after 3 s
        assertThat(snapshot.latency().p50()).isLessThan(ms(10));
        assertThat(snapshot.latency().p90()).isGreaterThanOrEqualTo(ms(2_990));
        assertThat(snapshot.latency().max()).isGreaterThanOrEqualTo(ms(2_990));
    }

    @Test
    void snapshot_afterTheWindowHasSlid_dropsOlderSeconds() {
        at(500, ok("1.0"), ok("1.0"));
        at(9_900, ok("1.5"));

        assertThat(snapshotAt(9_950).split().total("Product")).isEqualTo(3);
        WatchSnapshot later = snapshotAt(10_100);
        assertThat(later.covered()).isEqualTo(Duration.ofMillis(9_100)); // seconds 1..9 and 0.1 s of 10
        assertThat(later.split().versionsOf("Product")).isEqualTo(Map.of("1.5", 1L));
        assertThat(snapshotAt(30_000).responses()).isZero();
        assertThat(snapshotAt(30_000).split()).isEqualTo(SplitCounts.EMPTY);
    }

    private void at(long millis, LoadResponse... responses) {
        now.set(1_000_000_000L + millis * 1_000_000);
        for (LoadResponse response : responses) {
            window.record(response);
        }
    }

    private WatchSnapshot snapshotAt(long millis) {
        now.set(1_000_000_000L + millis * 1_000_000);
        return window.snapshot();
    }

    private static LoadResponse ok(String product) {
        String body = "{\"service\":\"Order\",\"version\":\"1.0\"}\n{\"service\":\"Product\",\"version\":\"" + product
                + "\"}\n{\"service\":\"Customer\",\"version\":\"1.0\"}";
        return LoadResponse.ofStatus(200, body, ms(5));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
