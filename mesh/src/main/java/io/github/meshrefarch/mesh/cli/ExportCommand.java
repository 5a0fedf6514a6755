package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.gatewayapi.ExportSource;
import io.github.meshrefarch.mesh.gatewayapi.GatewayApiExport;
import io.github.meshrefarch.mesh.gatewayapi.ParentStyle;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.MeshOperationException;
import io.github.meshrefarch.mesh.model.Reconciler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write a mesh read from App Mesh (--target local or aws) as Gateway API manifests.",
            "Services for the virtual nodes, one HTTPRoute per virtual router; with --parent gateway also the",
            "VPC Lattice Gateway and a TargetGroupPolicy with each node's health check. What cannot be carried",
            "over is listed on stderr and as a comment above the object."
        })
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "Only gateway-api.")
    String to;

    @Option(
            names = "--parent",
            paramLabel = "service|gateway[:NAME]",
            converter = GatewayApiOptions.ParentConverter.class,
            description = "GAMMA (the virtual service's Service) or a VPC Lattice Gateway (default: service).")
    ParentStyle parent;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE|DIR",
            description = "Write to FILE, or to DIR (an existing directory, or a name ending in /) one file per"
                    + " object and a kustomization.yaml (default: stdout).")
    String file;

    @Override
    public Integer call() {
        if (!"gateway-api".equals(to)) {
            throw new InvalidInputException("--to " + to + ": the only format is gateway-api");
        }
        ParentStyle style = parent != null
                ? parent
                : Optional.ofNullable(meshctl.gatewayApi.parent).orElse(ParentStyle.SERVICE);
        try (AppMeshConnection connection = meshctl.connect()) {
            MeshDescription mesh = new Reconciler(connection.backend(), line -> {}).requireMesh(meshctl.mesh());
            GatewayApiExport.Result result = GatewayApiExport.export(mesh, style, source(connection, meshctl.mesh()));
            result.losses().forEach(loss -> meshctl.err().println("not carried over: " + loss));
            write(result);
        }
        return ExitCodes.OK;
    }

    private void write(GatewayApiExport.Result result) {
        if (file == null) {
            meshctl.out().print(result.joined());
            return;
        }
        Path path = Path.of(file);
        try {
            if (Files.isDirectory(path) || file.endsWith("/")) {
                Files.createDirectories(path);
                for (GatewayApiExport.Manifest manifest : result.manifests()) {
                    Files.writeString(path.resolve(manifest.fileName()), manifest.yaml());
                }
                Files.writeString(path.resolve("kustomization.yaml"), result.kustomization());
                meshctl.err()
                        .println("wrote " + result.manifests().size() + " manifests and kustomization.yaml to " + path
                                + " (kubectl apply -k " + path + ")");
            } else {
                Files.writeString(path, result.joined());
            }
        } catch (IOException e) {
            throw new MeshOperationException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The raw App Mesh specs, read with describe calls on the same connection. */
    private static ExportSource source(AppMeshConnection connection, String mesh) {
        return new ExportSource() {
            @Override
            public Optional<JsonNode> virtualNodeSpec(String virtualNode) {
                var request = JsonNodeFactory.instance
                        .objectNode()
                        .put("meshName", mesh)
                        .put("virtualNodeName", virtualNode);
                return spec(connection.call("describe-virtual-node", request).path("virtualNode"));
            }

            @Override
            public Optional<JsonNode> routeSpec(String virtualRouter, String route) {
                var request = JsonNodeFactory.instance
                        .objectNode()
                        .put("meshName", mesh)
                        .put("virtualRouterName", virtualRouter)
                        .put("routeName", route);
                return spec(connection.call("describe-route", request).path("route"));
            }
        };
    }

    private static Optional<JsonNode> spec(JsonNode resource) {
        JsonNode spec = resource.path("spec");
        return spec.isObject() ? Optional.of(spec) : Optional.empty();
    }
}
