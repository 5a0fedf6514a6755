package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.github.meshrefarch.mesh.gatewayapi.HttpRouteMapping.NodeServices;
import io.github.meshrefarch.mesh.gatewayapi.HttpRouteMapping.ServiceRef;
import io.github.meshrefarch.mesh.gatewayapi.RouteLiveness.WrittenRoute;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.Mesh;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.MeshResource;
import io.github.meshrefarch.mesh.model.MeshState;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@link MeshBackend} over the Kubernetes Gateway API (the decided mapping): a virtual node is the
 * Service its hostname names, a virtual router with its virtual service and routes is one
 * HTTPRoute, the mesh is a label (and, with the Gateway parent, the Lattice Gateway). Writes are
 * batched per object and carried out by {@link #commit()}: read, change only what meshctl manages,
 * write with the read resourceVersion (retried on 409), then wait until the routes are live and,
 * with {@code --verify-url}, until traffic shows the weights.
 */
final class GatewayApiBackend implements MeshBackend {

    private final KubeObjects kube;
    private final ParentStyle parent;
    private final RouteLiveness liveness;
    private final TrafficVerification traffic;
    private final Consumer<String> progress;
    private final Runnable onClose;
    private final PendingEdits pending = new PendingEdits();
    private volatile String mesh;
    private NodeServices nodes;

    GatewayApiBackend(
            KubeObjects kube,
            ParentStyle parent,
            RouteLiveness liveness,
            TrafficVerification traffic,
            Consumer<String> progress,
            Runnable onClose) {
        this.kube = kube;
        this.parent = parent;
        this.liveness = liveness;
        this.traffic = traffic;
        this.progress = progress;
        this.onClose = onClose;
    }

    @Override
    public Optional<MeshState> read(String mesh) {
        List<Service> services = nodeServicesOf(mesh);
        List<HTTPRoute> routes = kube.labelled(HTTPRoute.class, GatewayApiNames.MESH_LABEL, mesh).stream()
                .sorted(Comparator.comparing(route -> route.getMetadata().getName()))
                .toList();
        boolean gateway = parent.lattice()
                && kube.get(Gateway.class, parent.gateway(mesh)).isPresent();
        if (services.isEmpty() && routes.isEmpty() && !gateway) {
            return Optional.empty();
        }
        NodeServices nodeServices = nodeServices(services);
        List<VirtualNode> virtualNodes = services.stream()
                .map(service -> ServiceEdits.node(service, kube.namespace()))
                .sorted(Comparator.comparing(VirtualNode::name))
                .toList();
        List<VirtualRouter> routers = new ArrayList<>();
        List<VirtualService> virtualServices = new ArrayList<>();
        List<Route> meshRoutes = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        for (HTTPRoute route : routes) {
            routers.add(HttpRouteEdits.router(route));
            HttpRouteEdits.virtualService(route).ifPresent(virtualServices::add);
            List<Route> sorted = HttpRouteEdits.routes(route, nodeServices).stream()
                    .sorted(Comparator.comparing(Route::name))
                    .toList();
            for (Route meshRoute : sorted) {
                meshRoutes.add(meshRoute);
                Long generation = route.getMetadata().getGeneration();
                versions.put(meshRoute.id(), generation == null ? 0L : generation);
            }
        }
        return Optional.of(
                new MeshState(new MeshDescription(mesh, virtualNodes, routers, meshRoutes, virtualServices), versions));
    }

    /**
     * The standard channel's HTTPRoute has no retry policy, and meshctl does not map App Mesh timeouts onto
     * {@code timeouts} (Lattice ignores them): both are left out, and said so, as {@code export} lists them.
     */
    @Override
    public MeshDescription carried(MeshDescription desired) {
        List<Route> routes = new ArrayList<>();
        for (Route route : desired.routes()) {
            if (route.retryPolicy() != null || route.timeout() != null) {
                progress.accept("route " + route.id() + ": its retry policy and timeout are not carried to the"
                        + " Gateway API (HTTPRoute retries are experimental; configure them in the mesh)");
            }
            routes.add(new Route(
                    route.name(), route.virtualRouter(), route.prefix(), route.weightedTargets(), route.baseline()));
        }
        return new MeshDescription(
                desired.mesh(), desired.virtualNodes(), desired.virtualRouters(), routes, desired.virtualServices());
    }

    @Override
    public List<String> problems(MeshDescription after) {
        return HttpRouteLimits.problems(after, parent);
    }

    @Override
    public void create(String mesh, MeshResource resource) {
        upsert(mesh, resource);
    }

    @Override
    public void update(String mesh, MeshResource resource) {
        upsert(mesh, resource);
    }

    private void upsert(String mesh, MeshResource resource) {
        this.mesh = mesh;
        HttpRouteMapping mapping = new HttpRouteMapping(parent, mesh);
        String ns = kube.namespace();
        if (resource instanceof Mesh) {
            if (parent.lattice()) {
                String name = parent.gateway(mesh);
                pending.add(Gateway.class, name, g -> ServiceEdits.ensureGateway(g, mesh, ns, name), false);
            }
        } else if (resource instanceof VirtualNode node) {
            String name = GatewayApiNames.serviceName(node.hostname());
            pending.add(Service.class, name, s -> createdNote(s, name, node), false);
            pending.add(Service.class, name, s -> ServiceEdits.ensureNode(s, mesh, ns, node), false);
        } else if (resource instanceof VirtualRouter router) {
            pending.add(HTTPRoute.class, router.name(), r -> HttpRouteEdits.ensureRouter(r, mesh, ns, router), false);
        } else if (resource instanceof VirtualService service) {
            editRoute(service.virtualRouter(), r -> HttpRouteEdits.setVirtualService(r, mapping, service));
        } else if (resource instanceof Route route) {
            editRoute(route.virtualRouter(), r -> HttpRouteEdits.putRoute(r, route, nodes()));
        }
    }

    @Override
    public void delete(String mesh, MeshResource resource) {
        this.mesh = mesh;
        HttpRouteMapping mapping = new HttpRouteMapping(parent, mesh);
        if (resource instanceof Mesh) {
            if (parent.lattice()) {
                pending.add(
                        Gateway.class,
                        parent.gateway(mesh),
                        g -> g == null ? null : ServiceEdits.removeGateway(g),
                        true);
            }
        } else if (resource instanceof VirtualNode node) {
            String name = GatewayApiNames.serviceName(node.hostname());
            pending.add(Service.class, name, s -> s == null ? null : ServiceEdits.removeNode(s), true);
        } else if (resource instanceof VirtualRouter router) {
            pending.add(HTTPRoute.class, router.name(), r -> r == null ? null : HttpRouteEdits.removeRouter(r), true);
        } else if (resource instanceof VirtualService service) {
            editRoute(service.virtualRouter(), r -> HttpRouteEdits.removeVirtualService(r, mapping));
        } else if (resource instanceof Route route) {
            editRoute(route.virtualRouter(), r -> HttpRouteEdits.removeRoute(r, route.name()));
        }
    }

    private void editRoute(String router, UnaryOperator<HTTPRoute> edit) {
        pending.add(
                HTTPRoute.class,
                router,
                r -> {
                    if (r == null) {
                        throw new UnexpectedStateException("HTTPRoute " + router + " (virtual router " + router
                                + ") does not exist in namespace " + kube.namespace());
                    }
                    return edit.apply(r);
                },
                false);
    }

    @Override
    public synchronized void commit() {
        List<WrittenRoute> written = new ArrayList<>();
        write(Gateway.class, false, null);
        write(Service.class, false, null);
        nodes = null;
        write(HTTPRoute.class, false, written);
        write(HTTPRoute.class, true, null);
        write(Service.class, true, null);
        write(Gateway.class, true, null);
        liveness.await(written);
        if (traffic != null && !written.isEmpty() && mesh != null) {
            traffic.verify(
                    read(mesh).map(MeshState::resources).orElseThrow(),
                    written.stream().map(WrittenRoute::name).toList());
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> void write(Class<T> type, boolean deletes, List<WrittenRoute> written) {
        for (PendingEdits.Entry entry : pending.take(type, deletes)) {
            KubeObjects.Written<T> result = kube.edit(type, entry.key().name(), object -> {
                HasMetadata changed = object;
                for (UnaryOperator<HasMetadata> edit : entry.edits()) {
                    changed = edit.apply(changed);
                }
                if (changed instanceof HTTPRoute route) {
                    List<String> problems = HttpRouteLimits.problems(route, parent);
                    if (!problems.isEmpty()) {
                        throw new InvalidInputException(String.join("; ", problems));
                    }
                }
                return (T) changed;
            });
            if (written != null && result.wrote() && result.object() != null) {
                written.add(new WrittenRoute(
                        entry.key().name(), result.object().getMetadata().getGeneration()));
            }
        }
    }

    private Service createdNote(Service current, String name, VirtualNode node) {
        if (current == null) {
            progress.accept("Service " + name + " does not exist: meshctl creates it without a selector; point it at"
                    + " the pods of virtual node " + node.name() + " (k8s/base has one for each workload)");
        }
        return current;
    }

    private NodeServices nodes() {
        if (nodes == null) {
            nodes = nodeServices(nodeServicesOf(mesh));
        }
        return nodes;
    }

    private List<Service> nodeServicesOf(String mesh) {
        return kube.labelled(Service.class, GatewayApiNames.MESH_LABEL, mesh).stream()
                .filter(s -> s.getMetadata().getLabels().containsKey(GatewayApiNames.NODE_LABEL))
                .toList();
    }

    private NodeServices nodeServices(List<Service> services) {
        Map<String, ServiceRef> byNode = new HashMap<>();
        for (Service service : services) {
            VirtualNode node = ServiceEdits.node(service, kube.namespace());
            byNode.put(
                    node.name(),
                    new ServiceRef(
                            service.getMetadata().getName(), node.listener().port()));
        }
        return new NodeServices(byNode);
    }

    @Override
    public void close() {
        pending.clear();
        onClose.run();
    }
}
