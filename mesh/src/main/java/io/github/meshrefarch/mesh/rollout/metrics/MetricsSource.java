package io.github.meshrefarch.mesh.rollout.metrics;

/**
 * Where a rollout reads the canary's request count, error rate and latency from: the local data plane's admin
 * endpoint ({@link EnvoyAdminSource}) or a Prometheus server ({@link PrometheusSource}).
 */
public interface MetricsSource {

    /** Starts an interval over the canary's traffic; {@link Measurement#measure()} reads it from then until now. */
    Measurement start(MetricsTarget target);

    /** For people: where the figures come from, e.g. {@code local data plane http://127.0.0.1:9901}. */
    String describe();

    /** One interval, started by {@link #start}. */
    interface Measurement {

        /** The canary's figures from the start until now; may be called again later for a longer interval. */
        NodeMetrics measure();
    }
}
