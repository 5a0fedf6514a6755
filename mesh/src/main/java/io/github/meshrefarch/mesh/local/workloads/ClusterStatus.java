package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.workloads.LocalState.DaemonRecord;
import java.util.List;
import java.util.Map;

/**
 * The local mode as it is now.
 *
 * @param daemon the recorded mesh daemon, or null when none was started
 * @param daemonRunning whether that process is alive
 * @param servedListeners the listeners the data plane serves, by virtual service ({@code address:port}), as its admin
 *     endpoint reports them; null when they could not be read
 * @param adminProblem why the admin endpoint could not be read, or null
 * @param workloads every recorded workload
 */
public record ClusterStatus(
        DaemonRecord daemon,
        boolean daemonRunning,
        Map<String, String> servedListeners,
        String adminProblem,
        List<WorkloadStatus> workloads) {

    public ClusterStatus {
        servedListeners = servedListeners == null ? null : Map.copyOf(servedListeners);
        workloads = List.copyOf(workloads);
    }

    public boolean isEmpty() {
        return daemon == null && workloads.isEmpty();
    }
}
