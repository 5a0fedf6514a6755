package io.github.meshrefarch.mesh.local.dataplane;

import java.time.Duration;

/**
 * The limits of the data plane's listeners and streams, which App Mesh leaves to Envoy's defaults. {@link
 * #ENVOY_DEFAULTS} are those defaults:
 *
 * <ul>
 *   <li>stream idle timeout 5 min: Envoy's HTTP connection manager {@code stream_idle_timeout}; App Mesh's route
 *       {@code timeout.idle} has no default ("none"), so Envoy's applies; a route's {@code timeout.idle} replaces it
 *       for that route, 0 turning it off (Envoy's route {@code idle_timeout});
 *   <li>connection idle timeout 1 h: Envoy's HTTP connection manager {@code common_http_protocol_options.idle_timeout}
 *       (a downstream connection with no request in flight for that long is closed);
 *   <li>at most 50,000 connections per listener: the {@code global_downstream_max_connections} of Envoy's "edge proxy
 *       best practices" (Envoy itself has no default cap); beyond it a new connection is closed as it is accepted and
 *       counted as {@code listener.<address>.downstream_cx_overflow}.
 * </ul>
 *
 * @param streamIdleTimeout how long a request may see no activity (no byte either way) before it is cut; zero for none
 * @param connectionIdleTimeout how long a downstream connection may stay open with no request; zero for none
 * @param maxConnectionsPerListener connections each listener holds open at most
 */
public record DataPlaneLimits(
        Duration streamIdleTimeout, Duration connectionIdleTimeout, int maxConnectionsPerListener) {

    public static final long DEFAULT_STREAM_IDLE_SECONDS = 300;
    public static final long DEFAULT_CONNECTION_IDLE_SECONDS = 3_600;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_LISTENER = 50_000;

    public static final DataPlaneLimits ENVOY_DEFAULTS = new DataPlaneLimits(
            Duration.ofSeconds(DEFAULT_STREAM_IDLE_SECONDS),
            Duration.ofSeconds(DEFAULT_CONNECTION_IDLE_SECONDS),
            DEFAULT_MAX_CONNECTIONS_PER_LISTENER);

    public DataPlaneLimits {
        if (streamIdleTimeout.isNegative() || connectionIdleTimeout.isNegative() || maxConnectionsPerListener < 1) {
            throw new IllegalArgumentException("data plane limits must be positive (timeouts may be zero for none)");
        }
    }
}
