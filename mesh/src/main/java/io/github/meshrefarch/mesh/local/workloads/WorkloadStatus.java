package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.local.workloads.LocalState.WorkloadRecord;
import java.time.Duration;
import java.util.Map;

/**
 * A workload as {@code local status} shows it.
 *
 * @param managementPort where its Actuator (probes, metrics) answers
 * @param state {@code ready}, {@code starting}, {@code not ready} (alive, probe failing) or {@code crashed}
 * @param environment the configuration given with {@code local deploy --env}
 */
public record WorkloadStatus(
        String name,
        String version,
        String virtualNode,
        String hostname,
        int port,
        int managementPort,
        long pid,
        String state,
        Map<String, String> environment) {

    public WorkloadStatus {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    static WorkloadStatus of(String name, WorkloadRecord record, JavaProcesses processes) {
        String state;
        if (processes.find(record.pid()).isEmpty()) {
            state = "crashed";
        } else if (!record.ready()) {
            state = "starting";
        } else {
            state = Probes.answers(Probes.readiness(record.probePort()), Duration.ofSeconds(1)) ? "ready" : "not ready";
        }
        return new WorkloadStatus(
                name,
                record.version(),
                record.virtualNode(),
                record.hostname(),
                record.port(),
                record.probePort(),
                record.pid(),
                state,
                record.environment());
    }
}
