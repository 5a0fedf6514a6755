package io.github.meshrefarch.mesh.local;

import io.github.meshrefarch.mesh.local.admin.AdminListener;
import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import io.github.meshrefarch.mesh.local.dataplane.DataPlaneLimits;
import io.github.meshrefarch.mesh.local.dataplane.LocalDataPlane;
import io.github.meshrefarch.mesh.local.workloads.LocalStateStore;
import io.github.meshrefarch.mesh.local.workloads.RegistryFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    private final AdminListener admin;

    private MeshDaemon(
            LocalControlPlane controlPlane, RegistryFile registry, LocalDataPlane dataPlane, AdminListener admin) {
        this.controlPlane = controlPlane;
        this.registry = registry;
        this.dataPlane = dataPlane;
        this.admin = admin;
    }

    /**
     * @param stateDir the local mode's state directory: the control plane keeps the mesh in its {@code controlplane}
     *     folder, the workloads are read from its state file
     * @param port the App Mesh endpoint's port
     * @param listenerPorts the data plane listener port per virtual service
     * @param adminPort the data plane's admin listener port, 0 for a free one; its URI is written to {@link
     *     LocalStateStore#adminEndpointFile()} once it serves
     */
    public static MeshDaemon start(Path stateDir, int port, Map<String, Integer> listenerPorts, int adminPort)
            throws IOException {
        return start(stateDir, port, listenerPorts, adminPort, DataPlaneLimits.ENVOY_DEFAULTS);
    }

    /** As above, with the data plane's listener and stream limits. */
    public static MeshDaemon start(
            Path stateDir, int port, Map<String, Integer> listenerPorts, int adminPort, DataPlaneLimits limits)
            throws IOException {
        LocalStateStore store = new LocalStateStore(stateDir);
        Files.deleteIfExists(store.adminEndpointFile());
        LocalControlPlane controlPlane = LocalControlPlane.start(port, stateDir.resolve("controlplane"));
        RegistryFile registry = new RegistryFile(store);
        LocalDataPlane dataPlane = null;
        try {
            dataPlane = LocalDataPlane.start(controlPlane.routeTable(), registry, listenerPorts, limits);
            AdminListener admin = AdminListener.start(dataPlane, adminPort);
            AtomicFiles.write(store.adminEndpointFile(), admin.uri().toString().getBytes(StandardCharsets.UTF_8));
            return new MeshDaemon(controlPlane, registry, dataPlane, admin);
        } catch (IOException | RuntimeException e) {
            if (dataPlane != null) {
                dataPlane.close();
            }
            registry.close();
            controlPlane.close();
            throw e;
        }
    }

    /** The data plane's admin endpoint, e.g. {@code http://127.0.0.1:9901}. */
    public URI adminEndpoint() {
        return admin.uri();
    }

    public URI endpoint() {
        return controlPlane.endpoint();
    }

    public LocalDataPlane dataPlane() {
        return dataPlane;
    }

    @Override
    public void close() {
        admin.close();
        dataPlane.close();
        registry.close();
        controlPlane.close();
    }
}
