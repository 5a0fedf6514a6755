package io.github.meshrefarch.mesh.load.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoadGeneratorIT {

    private static final LocalHttpServer.Answer OK = new LocalHttpServer.Answer(200, "{\"ok\":true}");

    /**
     * A throwaway run first: a cold JVM on a busy two-core machine answers its first few hundred
     * requests slowly, which is the JIT's story, not the generator's.
     */
    @BeforeAll
    static void warmUpTheJvm() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(index -> OK)) {
            LoadGenerator.run(new LoadConfig(server.url(), 100, Duration.ofSeconds(2), 8, Duration.ofSeconds(10)));
        }
    }

    @Test
    void run_fixedRateAgainstDelayedServer_sendsOnScheduleAndMeasuresTheDelay() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(index -> {
            Thread.sleep(20);
            return OK;
        })) {
            LoadConfig config = new LoadConfig(server.url(), 200, Duration.ofSeconds(3), 50, Duration.ofSeconds(10));

            LoadResult result = LoadGenerator.run(config);

            assertThat(result.sent()).isCloseTo(600, within(12L));
            assertThat(result.completed()).isEqualTo(result.sent());
            assertThat(result.succeeded()).isEqualTo(result.sent());
            assertThat(server.requests()).isEqualTo(result.sent() + HttpLoadClient.WARM_UP_REQUESTS);
            assertThat(result.errors()).isEqualTo(ErrorCounts.NONE);
            assertThat(result.latency().p50()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
            assertThat(result.latency().p50()).isLessThan(Duration.ofSeconds(2)); // generous: a shared, busy machine
            assertThat(result.latency().max())
                    .isGreaterThanOrEqualTo(result.latency().p99());
            assertThat(result.throughput()).isBetween(50.0, 210.0);
        }
    }

    @Test
    void run_serverAnswering500_countsStatusErrorsByCode() throws Exception {
        try (LocalHttpServer server =
                LocalHttpServer.start(index -> new LocalHttpServer.Answer(index % 2 == 0 ? 500 : 200, "{}"))) {
            LoadResult result = LoadGenerator.run(
                    new LoadConfig(server.url(), 100, Duration.ofSeconds(1), 50, Duration.ofSeconds(10)));

            assertThat(result.completed()).isEqualTo(result.sent());
            assertThat(result.errors().status()).containsOnlyKeys(500);
            assertThat(result.errors().status().get(500) + result.succeeded()).isEqualTo(result.sent());
            assertThat(result.errors().status().get(500)).isCloseTo(result.sent() / 2, within(1L));
            assertThat(result.errors().connection()).isZero();
            assertThat(result.errors().timeout()).isZero();
        }
    }

    @Test
    void run_closedPort_countsConnectionErrors() throws Exception {
        URI closed = closedPortUrl();

        LoadResult result = LoadGenerator.run(LoadConfig.of(closed, 50, Duration.ofSeconds(1)));

        assertThat(result.sent()).isCloseTo(50, within(2L));
        assertThat(result.completed()).isEqualTo(result.sent());
        assertThat(result.succeeded()).isZero();
        assertThat(result.errors().connection()).isEqualTo(result.sent());
        assertThat(result.errors().timeout()).isZero();
        assertThat(result.errors().status()).isEmpty();
    }

    @Test
    void run_hangingServer_countsTimeoutsAfterTheRequestTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LocalHttpServer server = LocalHttpServer.start(index -> {
            release.await();
            return OK;
        })) {
            LoadConfig config = new LoadConfig(server.url(), 20, Duration.ofSeconds(1), 8, Duration.ofMillis(300));
            try {
                LoadResult result = LoadGenerator.run(config);

                assertThat(result.completed()).isEqualTo(result.sent());
                assertThat(result.errors().timeout()).isEqualTo(result.sent());
                assertThat(result.errors().connection()).isZero();
                assertThat(result.succeeded()).isZero();
            } finally {
                release.countDown();
            }
        }
    }

    /**
     * One connection, one request stalled 800 ms: the requests scheduled behind it wait for the
     * connection, and that wait is theirs (timed from their scheduled send time), while the schedule
     * goes on as if nothing happened. Timed from when they got the connection they would all look
     * fast and p90 would be a few milliseconds.
     */
    @Test
    void run_oneConnectionAndAStalledRequest_requestsQueuedBehindItCountTheirWait() throws Exception {
        long stalled = HttpLoadClient.WARM_UP_REQUESTS + 10;
        try (LocalHttpServer server = LocalHttpServer.start(index -> {
            if (index == stalled) {
                Thread.sleep(800);
            }
            return OK;
        })) {
            LoadResult result = LoadGenerator.run(
                    new LoadConfig(server.url(), 50, Duration.ofSeconds(2), 1, Duration.ofSeconds(10)));

            assertThat(result.sent()).isEqualTo(100); // 50/s for 2 s: the schedule did not wait for the stall
            assertThat(result.succeeded()).isEqualTo(result.sent());
            // the stalled request and the ~40 scheduled during its 800 ms, waiting 800, 780, 760 ... ms
            assertThat(result.latency().max()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(result.latency().p99()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(result.latency().p90()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void run_serverNeverAnswering_timeoutsCountInTheLatencyAtTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LocalHttpServer server = LocalHttpServer.start(index -> {
            release.await();
            return OK;
        })) {
            try {
                LoadResult result = LoadGenerator.run(
                        new LoadConfig(server.url(), 20, Duration.ofSeconds(1), 8, Duration.ofMillis(800)));

                assertThat(result.errors().timeout()).isEqualTo(result.sent()).isPositive();
                assertThat(result.latency().p50()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
                assertThat(result.latency().p99()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            } finally {
                release.countDown();
            }
        }
    }

    /**
     * A window taken while the server holds every request says how many are in flight; once they
     * are answered they count in the next window, and the run's figures account for every one.
     */
    @Test
    void takeWindow_requestsHeldByTheServer_reportedInFlightThenCountedWhenAnswered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LocalHttpServer server = LocalHttpServer.start(index -> {
            if (index >= HttpLoadClient.WARM_UP_REQUESTS) { // the client's own warm-up is answered, else start waits
                release.await();
            }
            return OK;
        })) {
            try (LoadRun run = LoadGenerator.start(
                    new LoadConfig(server.url(), 20, null, 50, Duration.ofSeconds(30)), LoadRun.NO_LISTENER)) {
                Thread.sleep(500);
                LoadResult held = run.takeWindow();
                release.countDown();
                LoadResult total = run.stop();
                LoadResult answered = run.takeWindow();

                assertThat(held.sent()).isPositive();
                assertThat(held.completed()).isZero();
                assertThat(held.inFlight()).isEqualTo(held.sent());
                assertThat(total.inFlight()).isZero();
                assertThat(total.completed()).isEqualTo(total.sent());
                assertThat(total.succeeded()).isEqualTo(total.sent());
                assertThat(answered.completed()).isEqualTo(total.sent());
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void start_untilStopped_listenerSeesEveryResponseAndWindowsSplitTheCounts() throws Exception {
        ConcurrentLinkedQueue<LoadResponse> seen = new ConcurrentLinkedQueue<>();
        try (LocalHttpServer server = LocalHttpServer.start(index -> OK)) {
            LoadRun run = LoadGenerator.start(LoadConfig.untilStopped(server.url(), 100), seen::add);
            Thread.sleep(700);
            LoadResult first = run.takeWindow();
            Thread.sleep(700);
            LoadResult total = run.stop();
            LoadResult second = run.takeWindow();

            assertThat(first.sent()).isPositive();
            assertThat(second.sent()).isPositive();
            assertThat(first.sent() + second.sent()).isEqualTo(total.sent());
            assertThat(first.completed() + second.completed()).isEqualTo(total.completed());
            assertThat(total.completed()).isEqualTo(total.sent());
            assertThat(seen).hasSize((int) total.completed());
            assertThat(List.copyOf(seen)).allSatisfy(response -> {
                assertThat(response.outcome()).isEqualTo(LoadResponse.Outcome.SUCCESS);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(OK.body());
                assertThat(response.latency()).isPositive();
            });
            assertThat(run.finished()).isTrue();
        }
    }

    private static URI closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
    }
}
