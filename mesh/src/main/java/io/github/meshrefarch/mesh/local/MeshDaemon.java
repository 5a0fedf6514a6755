package io.github.meshrefarch.mesh.local;

import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import io.github.meshrefarch.mesh.local.dataplane.LocalDataPlane;
import io.github.meshrefarch.mesh.local.workloads.LocalStateStore;
import io.github.meshrefarch.mesh.local.workloads.RegistryFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local mesh in one process, as {@code meshctl local up} runs it in the background: the App Mesh control plane,
 * the data plane that follows its route table in-process, and the service registry of the workloads that {@code
 * meshctl local deploy} starts.
 */
public final class MeshDaemon implements AutoCloseable {

    private final LocalControlPlane controlPlane;
    private final RegistryFile registry;
    private final LocalDataPlane dataPlane;

    private MeshDaemon(LocalControlPlane controlPlane, RegistryFile registry, LocalDataPlane dataPlane) {
        this.controlPlane = controlPlane;
        this.registry = registry;
        this.dataPlane = dataPlane;
    }

    /**
     * @param stateDir the local mode's state directory: the control plane keeps the mesh in its {@code controlplane}
     *     folder, the workloads are read from its state file
     * @param port the App Mesh endpoint's port
     * @param listenerPorts the data plane listener port per virtual service
     */
    public static MeshDaemon start(Path stateDir, int port, Map<String, Integer> listenerPorts) throws IOException {
        LocalControlPlane controlPlane = LocalControlPlane.start(port, stateDir.resolve("controlplane"));
        RegistryFile registry = new RegistryFile(new LocalStateStore(stateDir));
        try {
            return new MeshDaemon(
                    controlPlane, registry, LocalDataPlane.start(controlPlane.routeTable(), registry, listenerPorts));
        } catch (RuntimeException e) {
            registry.close();
            controlPlane.close();
            throw e;
        }
    }

    public URI endpoint() {
        return controlPlane.endpoint();
    }

    public LocalDataPlane dataPlane() {
        return dataPlane;
    }

    @Override
    public void close() {
        dataPlane.close();
        registry.close();
        controlPlane.close();
    }
}
