package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.workloads.LocalState.DaemonRecord;
import java.util.List;

/**
 * The local mode as it is now.
 *
 * @param daemon the recorded mesh daemon, or null when none was started
 * @param daemonRunning whether that process is alive
 * @param workloads every recorded workload
 */
public record ClusterStatus(DaemonRecord daemon, boolean daemonRunning, List<WorkloadStatus> workloads) {

    public ClusterStatus {
        workloads = List.copyOf(workloads);
    }

    public boolean isEmpty() {
        return daemon == null && workloads.isEmpty();
    }
}
