package io.github.meshrefarch.mesh.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady traffic to order for the chaos tests: {@code perSecond} requests a second at fixed times (open loop: a slow
 * answer does not delay the next request), each answer checked (200 and three service lines) and its versions counted.
 * A request fails when it times out, cannot connect, or gets another status or body.
 */
final class OrderLoad implements AutoCloseable {

    private static final Pattern LINE = Pattern.compile("\"service\":\"(\\w+)\",\"version\":\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One request: when it was sent (nanoTime), whether it succeeded, the versions that answered or the failure. */
    record Answer(long sentNanos, boolean ok, String detail) {}

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final List<CompletableFuture<Answer>> requests = new ArrayList<>();
    private final URI order;

    private OrderLoad(URI order) {
        this.order = order;
    }

    static OrderLoad start(URI order, int perSecond) {
        OrderLoad load = new OrderLoad(order);
        load.clock.scheduleAtFixedRate(load::send, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return load;
    }

    private void send() {
        long sent = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(order).timeout(TIMEOUT).build();
        CompletableFuture<Answer> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> judge(sent, response, failure));
        synchronized (requests) {
            requests.add(answer);
        }
    }

    private static Answer judge(long sent, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            return new Answer(sent, false, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        Matcher lines = LINE.matcher(response.body());
        List<String> versions = new ArrayList<>();
        while (lines.find()) {
            versions.add(lines.group(1) + " " + lines.group(2));
        }
        boolean ok = response.statusCode() == 200 && versions.size() == 3;
        return new Answer(sent, ok, ok ? String.join(", ", versions) : response.statusCode() + " " + response.body());
    }

    /** Stops sending and waits for every request sent to be answered or to time out. */
    List<Answer> stop() {
        clock.shutdownNow();
        List<CompletableFuture<Answer>> sent;
        synchronized (requests) {
            sent = List.copyOf(requests);
        }
        return sent.stream()
                .map(f -> f.orTimeout(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).join())
                .toList();
    }

    /** {@code perSecond} requests a second for {@code duration}; returns every answer. */
    static List<Answer> run(URI order, int perSecond, Duration duration) throws InterruptedException {
        OrderLoad load = start(order, perSecond);
        Thread.sleep(duration.toMillis());
        return load.stop();
    }

    /**
     * Skips the test when order fails requests before any fault (a machine too loaded to serve the steady load): a
     * failure after the fault would then prove nothing. In CI ({@code CI=true}) it fails instead, so that a chaos test
     * never passes there without having run.
     */
    static void requireSteady(List<Answer> control) {
        String why = String.format(
                "the machine serves the steady load without faults first (%d of %d failed before any fault)",
                failed(control).size(), control.size());
        if ("true".equals(System.getenv("CI"))) {
            org.assertj.core.api.Assertions.assertThat(failed(control)).as(why).isEmpty();
        } else {
            org.assertj.core.api.Assumptions.assumeThat(failed(control)).as(why).isEmpty();
        }
    }

    /** How many answers came from each service version, e.g. {@code Product 1.5 -> 12}. */
    static Map<String, Integer> versions(List<Answer> answers) {
        Map<String, Integer> counts = new TreeMap<>();
        answers.stream()
                .filter(Answer::ok)
                .flatMap(a -> List.of(a.detail().split(", ")).stream())
                .forEach(version -> counts.merge(version, 1, Integer::sum));
        return counts;
    }

    static List<Answer> failed(List<Answer> answers) {
        return answers.stream().filter(a -> !a.ok()).toList();
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
