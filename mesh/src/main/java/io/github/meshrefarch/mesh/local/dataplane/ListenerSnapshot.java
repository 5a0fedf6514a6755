package io.github.meshrefarch.mesh.local.dataplane;

/**
 * The downstream statistics of one listener at one moment (see {@link LocalDataPlane#listenerStats()}).
 *
 * @param statPrefix the HTTP connection manager's stat prefix: the virtual service's name (with its mesh when two
 *     meshes have a virtual service of that name)
 * @param address Envoy's listener stat name, {@code <ip>_<port>} (as in {@code listener.127.0.0.1_9081.*})
 * @param connectionsTotal {@code downstream_cx_total}
 * @param connectionsActive {@code downstream_cx_active}
 * @param connectionsOverflow {@code downstream_cx_overflow}: closed at accept because the listener was full
 * @param connectionIdleTimeouts {@code downstream_cx_idle_timeout}: closed after the connection idle timeout
 * @param streamIdleTimeouts {@code downstream_rq_idle_timeout}: requests cut by the stream idle timeout
 */
public record ListenerSnapshot(
        String statPrefix,
        String address,
        long connectionsTotal,
        long connectionsActive,
        long connectionsOverflow,
        long connectionIdleTimeouts,
        long streamIdleTimeouts) {}
