package io.github.meshrefarch.mesh.load.generator;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a finished run for people ({@link #text}) or scripts ({@link #json}).
 *
 * <p>The JSON document is a stable contract; fields are only ever added:
 *
 * <pre>
 * {"url":"http://127.0.0.1:8080/","rate":500.0,"durationMs":5000,"connections":50,"timeoutMs":5000,
 *  "sent":2500,"completed":2500,"succeeded":2497,"inFlight":0,"elapsedMs":5002.114,"throughput":499.8,
 *  "latencyMs":{"p50":0.612,"p90":0.951,"p99":2.103,"max":8.301},
 *  "errors":{"total":3,"connection":0,"timeout":0,"status":{"502":3}}}
 * </pre>
 *
 * Latencies are milliseconds from each request's scheduled send time, over every request that
 * ended: responses of any status, timeouts (at the time the generator gave up) and connection
 * errors alike (see {@link LatencySummary}); {@code inFlight} counts requests not ended when the
 * figures were taken (0 for a finished run, whose requests still in flight at the end count as
 * timeouts); {@code throughput} is completed requests per second of {@code elapsedMs}.
 */
public final class LoadReport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LoadReport() {}

    /** A few aligned lines, ending with a newline. */
    public static String text(LoadConfig config, LoadResult result) {
        LatencySummary latency = result.latency();
        String lines = "load        " + config.url() + " at " + Formats.decimal(config.rate()) + " requests/s "
                + (config.bounded() ? "for " + Formats.duration(config.duration()) : "until stopped") + ", at most "
                + config.connections() + " connections\n"
                + "sent        " + result.sent() + "\n"
                + "completed   " + result.completed() + " (" + result.succeeded() + " succeeded)"
                + (result.inFlight() > 0 ? ", " + result.inFlight() + " still in flight" : "") + "\n"
                + "throughput  " + Formats.decimal(result.throughput()) + " requests/s\n"
                + "latency     p50 " + Formats.millis(latency.p50()) + "   p90 " + Formats.millis(latency.p90())
                + "   p99 " + Formats.millis(latency.p99()) + "   max " + Formats.millis(latency.max()) + "\n"
                + "errors      " + Formats.errors(result.errors()) + "\n";
        return lines;
    }

    /** The JSON document described above, on one line without a trailing newline. */
    public static String json(LoadConfig config, LoadResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("url", config.url().toString());
        document.put("rate", config.rate());
        document.put("durationMs", config.bounded() ? config.duration().toMillis() : null);
        document.put("connections", config.connections());
        document.put("timeoutMs", config.requestTimeout().toMillis());
        document.put("sent", result.sent());
        document.put("completed", result.completed());
        document.put("succeeded", result.succeeded());
        document.put("inFlight", result.inFlight());
        document.put("elapsedMs", Formats.millisValue(result.elapsed()));
        document.put("throughput", Math.round(result.throughput() * 10) / 10d);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", Formats.millisValue(result.latency().p50()));
        latency.put("p90", Formats.millisValue(result.latency().p90()));
        latency.put("p99", Formats.millisValue(result.latency().p99()));
        latency.put("max", Formats.millisValue(result.latency().max()));
        document.put("latencyMs", latency);
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("total", result.errors().total());
        errors.put("connection", result.errors().connection());
        errors.put("timeout", result.errors().timeout());
        Map<String, Long> status = new LinkedHashMap<>();
        result.errors().status().forEach((code, count) -> status.put(String.valueOf(code), count));
        errors.put("status", status);
        document.put("errors", errors);
        return JSON.writeValueAsString(document);
    }
}
