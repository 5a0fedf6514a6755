package io.github.meshrefarch.mesh.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.appmesh.AppMeshTarget;
import io.github.meshrefarch.mesh.cli.Main;
import io.github.meshrefarch.mesh.gatewayapi.schema.CrdValidator;
import io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.MeshState;
import io.github.meshrefarch.mesh.model.Route;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshctl export --to gateway-api} after each walkthrough step on the local control plane:
 * the manifests pass the upstream CRDs, and once applied to a cluster (the mock API server) the
 * gateway-api backend reads them back as the same mesh App Mesh holds.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class GatewayApiExportIT {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private LocalControlPlane appMesh;
    private GatewayApiCluster cluster;

    @BeforeEach
    void setUp() throws Exception {
        appMesh = LocalControlPlane.start(0, dir.resolve("appmesh"));
        cluster = new GatewayApiCluster(server, client, dir);
    }

    @AfterEach
    void tearDown() {
        appMesh.close();
    }

    @Test
    void exportAfterEachStep_passesTheCrds_andReadsBackAsTheAppMeshMesh() {
        for (String number : new String[] {"01", "02", "03", "04", "05", "06", "07", "08"}) {
            assertThat(run("step", number, "--steps-dir", "steps", "--file", "demomesh.yaml")[0])
                    .isEqualTo("0");
            for (String parent : new String[] {"service", "gateway"}) {
                String[] export = run("export", "--to", "gateway-api", "--parent", parent);
                assertThat(export[0])
                        .as("export after step %s: %s", number, export[2])
                        .isEqualTo("0");
                assertValid(export[1]);
                String namespace = "step" + number + "-" + parent;
                for (HasMetadata object : client.load(stream(export[1])).items()) {
                    if (!(object
                            instanceof GenericKubernetesResource)) { // TargetGroupPolicy: no model; the CRDs checked it
                        client.resource(object).inNamespace(namespace).create();
                    }
                }
                assertThat(normalized(readBack(namespace, parent)))
                        .as("step %s, parent %s", number, parent)
                        .isEqualTo(normalized(appMeshMesh()));
            }
        }
    }

    @Test
    void export_listsWhatCannotBeCarriedOver_onStderrAndBesideTheObject() throws Exception {
        run("step", "01", "--steps-dir", "steps", "--file", "demomesh.yaml");
        Path out = dir.resolve("manifests");

        String[] export = run("export", "--to", "gateway-api", "--parent", "gateway:lattice", "-f", out + "/");

        assertThat(export[0]).isEqualTo("0");
        assertThat(export[2])
                .contains("not carried over: Service order: backends (the allow-list of virtual services it calls):"
                        + " write an IAMAuthPolicy");
        assertThat(Files.readString(out.resolve("service-order.yaml")))
                .contains("# not carried over: backends (the allow-list of virtual services it calls)");
        assertThat(Files.readString(out.resolve("kustomization.yaml")))
                .contains(
                        "  - gateway-lattice.yaml",
                        "  - httproute-product-vr.yaml",
                        "  - targetgrouppolicy-product.yaml");
    }

    @Test
    void export_fromTheGatewayApiTarget_isAUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "--target",
                "gateway-api",
                "export",
                "--to",
                "gateway-api");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("use --target local or --target aws");
    }

    private static void assertValid(String stream) {
        CrdValidator crds = CrdValidator.standard();
        List<String> covered = new ArrayList<>();
        for (String document : stream.split("(?m)^---$")) {
            if (!document.isBlank() && crds.covers(document)) {
                covered.add(document);
                assertThat(crds.violations(document)).as(document).isEmpty();
            }
        }
        assertThat(covered).as("Gateway API objects in the export").isNotEmpty();
    }

    private MeshDescription readBack(String namespace, String parent) {
        var settings = new GatewayApiSettings(
                cluster.kubeconfig, null, namespace, ParentStyle.parse(parent), java.time.Duration.ZERO, null);
        try (MeshBackend backend = GatewayApiConnection.open(settings, line -> {})) {
            return backend.read("demomesh").map(MeshState::resources).orElseThrow();
        }
    }

    private MeshDescription appMeshMesh() {
        try (AppMeshConnection connection = AppMeshConnection.open(AppMeshTarget.LOCAL, appMesh.endpoint(), null)) {
            return connection
                    .backend()
                    .read("demomesh")
                    .map(MeshState::resources)
                    .orElseThrow();
        }
    }

    /** The mesh as a set of lines, order and meshctl-only metadata (baselines) aside. */
    private static Set<String> normalized(MeshDescription mesh) {
        Set<String> lines = new TreeSet<>();
        mesh.virtualNodes()
                .forEach(n -> lines.add("node " + n.name() + " " + n.hostname() + " " + n.listener() + " "
                        + new TreeSet<>(n.backends())));
        mesh.virtualRouters().forEach(r -> lines.add("router " + r));
        mesh.virtualServices().forEach(s -> lines.add("service " + s));
        for (Route route : mesh.routes()) {
            lines.add("route " + route.id() + " " + route.prefix() + " " + route.weightedTargets());
        }
        return lines;
    }

    private String[] run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--endpoint-url";
        all[1] = appMesh.endpoint().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private static ByteArrayInputStream stream(String yaml) {
        return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
