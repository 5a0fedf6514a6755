package io.github.meshrefarch.mesh.load.generator;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * What to load and how hard: requests per second sent on a fixed schedule (open loop), for a
 * duration or until stopped, over at most {@code connections} pooled HTTP/1.1 connections.
 *
 * @param url the URL every request GETs ({@code http} or {@code https}, with a host)
 * @param rate requests per second, greater than zero
 * @param duration how long to send; {@code null} sends until {@link LoadRun#stop()}
 * @param connections the connection pool's size, hence the cap on requests in flight on the wire
 * @param requestTimeout the longest a request may take, counted from its scheduled send time
 */
public record LoadConfig(URI url, double rate, Duration duration, int connections, Duration requestTimeout) {

    public static final int DEFAULT_CONNECTIONS = 50;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Validates every field, so that an invalid configuration never sends a request. */
    public LoadConfig {
        requireUrl(url);
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of requests per second, got " + rate);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, got " + connections);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
    }

    /** A configuration with the default pool size and timeout. */
    public static LoadConfig of(URI url, double rate, Duration duration) {
        return new LoadConfig(url, rate, duration, DEFAULT_CONNECTIONS, DEFAULT_TIMEOUT);
    }

    /** A configuration that sends until {@link LoadRun#stop()} is called. */
    public static LoadConfig untilStopped(URI url, double rate) {
        return of(url, rate, null);
    }

    /** The same load for another duration, e.g. a warm-up before the measured run. */
    public LoadConfig withDuration(Duration otherDuration) {
        return new LoadConfig(url, rate, otherDuration, connections, requestTimeout);
    }

    /** Whether the run ends by itself after {@link #duration()}. */
    public boolean bounded() {
        return duration != null;
    }

    /** The interval between two scheduled sends, in nanoseconds. */
    long intervalNanos() {
        return Math.max(1L, Math.round(1_000_000_000d / rate));
    }

    private static void requireUrl(URI url) {
        if (url == null) {
            throw new IllegalArgumentException("a URL is required");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL must start with http:// or https://, got '" + url + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("URL has no host: '" + url + "'");
        }
    }
}
