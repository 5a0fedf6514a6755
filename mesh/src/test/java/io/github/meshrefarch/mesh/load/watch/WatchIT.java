package io.github.meshrefarch.mesh.load.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.load.generator.LoadConfig;
import io.github.meshrefarch.mesh.load.generator.LoadGenerator;
import io.github.meshrefarch.mesh.load.generator.LocalHttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WatchIT {

    private static final Pattern PRODUCT_SHARES =
            Pattern.compile(" \\| Product 1\\.0=(\\d+\\.\\d)% 1\\.5=(\\d+\\.\\d)% \\| ");

    /** Every fourth order response names Product 1.5, the others 1.0; Customer is always 1.0. */
    private static LocalHttpServer.Answer order(long index) {
        String product = index % 4 == 3 ? "1.5" : "1.0";
        return new LocalHttpServer.Answer(
                200,
                "{\"service\":\"Order\",\"version\":\"1.0\"}\n{\"service\":\"Product\",\"version\":\"" + product
                        + "\"}\n{\"service\":\"Customer\",\"version\":\"1.0\"}\n");
    }

    /** A cold JVM on a busy machine answers its first requests slowly; watch's figures start warm. */
    @BeforeAll
    static void warmUpTheJvm() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(WatchIT::order)) {
            LoadGenerator.run(new LoadConfig(server.url(), 100, Duration.ofSeconds(2), 8, Duration.ofSeconds(10)));
        }
    }

    @Test
    void run_notOnATerminal_printsOneSummaryLinePerSecondWithTheVersionShares() throws Exception {
        StringWriter output = new StringWriter();
        try (LocalHttpServer server = LocalHttpServer.start(WatchIT::order)) {
            Watch.Options options = new Watch.Options(server.url(), 40, Duration.ofSeconds(10), Duration.ofSeconds(3));

            WatchSnapshot last = new Watch(options, new PrintWriter(output), false).run();

            List<String> lines = output.toString().lines().toList();
            assertThat(lines)
                    .hasSizeBetween(3, 4)
                    .allSatisfy(line -> assertThat(line)
                            .matches(
                                    "\\d+s \\d+ responses \\(\\d+\\.\\d/s\\)( \\| Order 1\\.0=100\\.0% \\| Product .* \\| "
                                            + "Customer 1\\.0=100\\.0%)? \\| errors 0 \\(connection 0, timeout 0, status 0\\) \\| "
                                            + "p50 .* ms p90 .* ms p99 .* ms max .* ms")
                            .doesNotContain("\033"));
            Matcher shares = PRODUCT_SHARES.matcher(lines.get(lines.size() - 1));
            assertThat(shares.find())
                    .as("Product shares in %s", lines.get(lines.size() - 1))
                    .isTrue();
            assertThat(Double.parseDouble(shares.group(1))).isBetween(65.0, 85.0);
            assertThat(Double.parseDouble(shares.group(2))).isBetween(15.0, 35.0);
            assertThat(last.split().total("Product"))
                    .isEqualTo(last.responses())
                    .isGreaterThan(60);
        }
    }

    @Test
    void meshctlWatch_withOutputJson_printsOneJsonObjectPerSnapshot() throws Exception {
        StringWriter output = new StringWriter();
        try (LocalHttpServer server = LocalHttpServer.start(WatchIT::order)) {
            int code = io.github.meshrefarch.mesh.cli.Main.run(
                    new PrintWriter(output),
                    new PrintWriter(new StringWriter()),
                    "-o",
                    "json",
                    "watch",
                    server.url().toString(),
                    "--rps",
                    "40",
                    "--duration",
                    "3s");

            assertThat(code).isZero();
            List<String> lines = output.toString().lines().toList();
            assertThat(lines).hasSizeBetween(3, 4);
            var json = tools.jackson.databind.json.JsonMapper.builder().build();
            for (String line : lines) {
                var snapshot = json.readTree(line);
                assertThat(snapshot.path("errors").path("connection").asLong(-1))
                        .isZero();
                assertThat(snapshot.path("latencyMillis").has("p99")).isTrue();
            }
            var last = json.readTree(lines.get(lines.size() - 1));
            assertThat(last.path("responses").asLong()).isPositive();
            assertThat(last.path("split").path("Product").path("1.5").asLong()).isPositive();
        }
    }

    @Test
    void run_onATerminal_redrawsTheBlockInPlace() throws Exception {
        StringWriter output = new StringWriter();
        try (LocalHttpServer server = LocalHttpServer.start(WatchIT::order)) {
            Watch.Options options = new Watch.Options(server.url(), 40, Duration.ofSeconds(5), Duration.ofSeconds(3));

            new Watch(options, new PrintWriter(output), true).run();

            String screen = output.toString();
            assertThat(screen).containsPattern("\033\\[\\d+F\033\\[J"); // back to the block's first line, clear
            assertThat(screen).endsWith("\n").contains("\033[7F\033[J"); // header, Order, Product x2, Customer, 2 more
            assertThat(screen).containsPattern("Product +1\\.0 +\\d+\\.\\d% +\\[#+\\.*\\] +\\d+");
            assertThat(screen).containsPattern("Product +1\\.0.*\\n +1\\.5 +\\d+\\.\\d% +\\[#*\\.+\\]");
        }
    }

    @Test
    void stop_fromAnotherThread_endsAnUnboundedWatch() throws Exception {
        StringWriter output = new StringWriter();
        try (LocalHttpServer server = LocalHttpServer.start(WatchIT::order)) {
            Watch watch = new Watch(
                    new Watch.Options(server.url(), 20, Duration.ofSeconds(10), null), new PrintWriter(output), false);
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    return;
                }
                watch.stop();
            });
            stopper.start();

            watch.run();

            assertThat(watch.awaitFinished(Duration.ZERO)).isTrue();
            assertThat(output.toString().lines()).isNotEmpty();
            stopper.join();
        }
    }
}
