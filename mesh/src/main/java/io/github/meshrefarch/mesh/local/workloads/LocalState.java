package io.github.meshrefarch.mesh.local.workloads;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local mode has started, kept in the state directory so that any later {@code meshctl} run (and the mesh
 * daemon's service registry) knows it, and so that {@code local down} can stop it all by process id, even after a crash
 * or an interrupted {@code local up}.
 *
 * @param daemon the mesh daemon (control plane + data plane), or null when none was started
 * @param workloads the workload processes, by workload name
 */
public record LocalState(DaemonRecord daemon, Map<String, WorkloadRecord> workloads) {

    public static final LocalState EMPTY = new LocalState(null, Map.of());

    public LocalState {
        workloads =
                workloads == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(workloads));
    }

    /**
     * The mesh daemon process.
     *
     * @param pid its process id
     * @param controlPlane the App Mesh endpoint it serves, e.g. {@code http://127.0.0.1:9080}
     * @param listeners virtual service name to data plane listener port, as configured
     * @param admin the data plane's admin endpoint, e.g. {@code http://127.0.0.1:9901} ({@code /stats/prometheus},
     *     {@code /listeners}, {@code /config_dump}, {@code /ready}); null until the daemon has bound it
     */
    public record DaemonRecord(long pid, String controlPlane, Map<String, Integer> listeners, String admin) {

        public DaemonRecord withAdmin(String adminEndpoint) {
            return new DaemonRecord(pid, controlPlane, listeners, adminEndpoint);
        }
    }

    /**
     * A workload process.
     *
     * @param pid its process id
     * @param hostname the DNS hostname it is registered under
     * @param virtualNode the virtual node it serves
     * @param port the port it listens on
     * @param version the version it reports
     * @param ready whether its readiness probe answered; a workload that is not ready receives no traffic
     * @param environment the configuration given with {@code local deploy --env}, kept when it is started again
     * @param managementPort Actuator's port ({@code MANAGEMENT_PORT}), where its probes go; 0 in a state file written
     *     before workloads had one (then Actuator is on {@code port})
     */
    public record WorkloadRecord(
            long pid,
            String hostname,
            String virtualNode,
            int port,
            String version,
            boolean ready,
            Map<String, String> environment,
            int managementPort) {

        public WorkloadRecord {
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }

        public WorkloadRecord withReady(boolean newReady) {
            return new WorkloadRecord(pid, hostname, virtualNode, port, version, newReady, environment, managementPort);
        }

        /** Where the probes go. */
        public int probePort() {
            return managementPort > 0 ? managementPort : port;
        }
    }

    public LocalState withDaemon(DaemonRecord newDaemon) {
        return new LocalState(newDaemon, workloads);
    }

    public LocalState withWorkload(String name, WorkloadRecord record) {
        var updated = new LinkedHashMap<>(workloads);
        updated.put(name, record);
        return new LocalState(daemon, updated);
    }

    public LocalState withoutWorkload(String name) {
        var updated = new LinkedHashMap<>(workloads);
        updated.remove(name);
        return new LocalState(daemon, updated);
    }
}
