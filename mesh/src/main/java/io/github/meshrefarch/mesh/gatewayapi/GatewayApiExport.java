package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.meshrefarch.mesh.gatewayapi.HttpRouteMapping.NodeServices;
import io.github.meshrefarch.mesh.gatewayapi.HttpRouteMapping.ServiceRef;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code meshctl export --to gateway-api}: a mesh read from App Mesh as the Gateway API objects the
 * gateway-api backend would write (the same edits, so they read back as the same mesh), ready for
 * {@code kubectl apply -k}. What cannot be carried over is listed, per object, as a comment above
 * it and in {@link Result#losses()}.
 */
public final class GatewayApiExport {

    /** One object as a YAML document, with its comments; {@code fileName} for a directory export. */
    public record Manifest(String fileName, String yaml) {}

    /** The manifests, and every loss as {@code object: what}. */
    public record Result(List<Manifest> manifests, List<String> losses) {

        /** All manifests as one multi-document YAML stream. */
        public String joined() {
            StringBuilder all = new StringBuilder();
            manifests.forEach(m -> all.append("---\n").append(m.yaml()));
            return all.toString();
        }

        /** A kustomization.yaml listing the manifests' files. */
        public String kustomization() {
            StringBuilder text = new StringBuilder(
                    "# Written by meshctl export --to gateway-api\napiVersion: kustomize.config.k8s.io/v1beta1\n"
                            + "kind: Kustomization\nresources:\n");
            manifests.forEach(m -> text.append("  - ").append(m.fileName()).append('\n'));
            return text.toString();
        }
    }

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private GatewayApiExport() {}

    public static Result export(MeshDescription mesh, ParentStyle parent, ExportSource source) {
        List<String> problems = HttpRouteLimits.problems(mesh, parent);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    "mesh " + mesh.mesh() + " cannot be exported: " + String.join("; ", problems));
        }
        List<Manifest> manifests = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        String name = mesh.mesh();
        if (parent.lattice()) {
            add(
                    manifests,
                    losses,
                    ServiceEdits.ensureGateway(null, name, null, parent.gateway(name)),
                    List.of(),
                    "the VPC Lattice service network of mesh " + name);
        }
        Map<String, ServiceRef> services = new HashMap<>();
        for (VirtualNode node : mesh.virtualNodes()) {
            Service service = ServiceEdits.ensureNode(null, name, null, node);
            service.getMetadata().getLabels().remove(GatewayApiNames.MANAGED_BY_LABEL);
            String serviceName = service.getMetadata().getName();
            services.put(
                    node.name(), new ServiceRef(serviceName, node.listener().port()));
            var spec = source.virtualNodeSpec(node.name());
            List<String> lost = new ArrayList<>(
                    spec.map(s -> ExportLosses.ofNode(s, parent.lattice())).orElse(List.of()));
            add(
                    manifests,
                    losses,
                    service,
                    lost,
                    "virtual node " + node.name() + ". Applied over the workload's"
                            + " Service of this name it only adds labels and annotations; created alone it has no selector:"
                            + " point it at the node's pods");
            if (parent.lattice() && spec.isPresent()) {
                List<String> notes = new ArrayList<>();
                var policy = TargetGroupPolicies.policy(name, serviceName, spec.get(), notes);
                add(manifests, losses, policy, notes, "the health check of virtual node " + node.name());
            }
        }
        NodeServices nodes = new NodeServices(services);
        HttpRouteMapping mapping = new HttpRouteMapping(parent, name);
        for (VirtualRouter router : mesh.virtualRouters()) {
            HTTPRoute route = HttpRouteEdits.ensureRouter(null, name, null, router);
            for (VirtualService service : mesh.virtualServices()) {
                if (service.virtualRouter().equals(router.name())) {
                    HttpRouteEdits.setVirtualService(route, mapping, service);
                }
            }
            List<String> lost = new ArrayList<>();
            for (Route meshRoute : mesh.routes()) {
                if (meshRoute.virtualRouter().equals(router.name())) {
                    HttpRouteEdits.putRoute(route, meshRoute, nodes);
                    source.routeSpec(router.name(), meshRoute.name())
                            .ifPresent(s -> ExportLosses.ofRoute(s, parent.lattice())
                                    .forEach(l -> lost.add("route " + meshRoute.name() + " " + l)));
                }
            }
            add(manifests, losses, route, lost, "virtual router " + router.name());
        }
        return new Result(manifests, losses);
    }

    private static void add(
            List<Manifest> manifests, List<String> losses, HasMetadata object, List<String> lost, String what) {
        String id = object.getKind() + " " + object.getMetadata().getName();
        StringBuilder yaml = new StringBuilder("# " + id + ": " + what + "\n");
        for (String loss : lost) {
            yaml.append("# not carried over: ").append(loss).append('\n');
            losses.add(id + ": " + loss);
        }
        yaml.append(YAML.asYaml(object).replaceFirst("^---\n", ""));
        String file = (object.getKind() + "-" + object.getMetadata().getName() + ".yaml").toLowerCase(Locale.ROOT);
        manifests.add(new Manifest(file, yaml.toString()));
    }
}
