package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.Listener;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workloads a mesh description implies, one per virtual node, by the rules the Kubernetes manifests in {@code
 * k8s/base} follow:
 *
 * <ul>
 *   <li>name: the first DNS label of the node's hostname ({@code product-v15.default.svc.cluster.local} gives {@code
 *       product-v15}), which is also the Kubernetes Service's name;
 *   <li>service and version: a name ending in {@code -vN} or {@code -vNM} is version {@code N.0} or {@code N.M} of the
 *       service before it ({@code product-v15}: product 1.5, {@code customer-v2}: customer 2.0); any other name is
 *       version 1.0 of the service it names;
 *   <li>module and reported name: {@code <service>-service} and the service capitalised ({@code Product});
 *   <li>environment: {@code <BACKEND>_SVC_URL=http://<virtual service>:<its router's port>} per backend of the node;
 *   <li>ports: from {@code firstPort} upwards, the 1.0 workloads first and then the other versions, each group in the
 *       description's order, so that adding a version moves no port (the walkthrough: order 8080, product 8081,
 *       customer 8082, product-v15 8083, customer-v2 8084).
 * </ul>
 */
final class DescribedWorkloads {

    static final String FIRST_VERSION = "1.0";

    private static final Pattern VERSIONED = Pattern.compile("(.+)-v([1-9])([0-9]?)");

    private DescribedWorkloads() {}

    /** The workloads of the description's virtual nodes, by name, in port order. */
    static Map<String, Workload> of(MeshDescription description, int firstPort) {
        List<Workload> first = new ArrayList<>();
        List<Workload> later = new ArrayList<>();
        for (VirtualNode node : description.virtualNodes()) {
            Workload workload = workload(node, description);
            (workload.version().equals(FIRST_VERSION) ? first : later).add(workload);
        }
        first.addAll(later);
        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (Workload workload : first) {
            if (workloads.put(workload.name(), workload.withPort(firstPort + workloads.size())) != null) {
                throw new InvalidInputException("two virtual nodes have the hostname of workload '" + workload.name()
                        + "': the local mode runs one workload per hostname");
            }
        }
        return workloads;
    }

    private static Workload workload(VirtualNode node, MeshDescription description) {
        if (node.hostname() == null || node.hostname().isBlank()) {
            throw new InvalidInputException(
                    "virtual node " + node.name() + " has no hostname: the local mode names its workload after it");
        }
        String name = firstLabel(node.hostname());
        Matcher versioned = VERSIONED.matcher(name);
        String service = versioned.matches() ? versioned.group(1) : name;
        String version = versioned.matches()
                ? versioned.group(2) + "." + (versioned.group(3).isEmpty() ? "0" : versioned.group(3))
                : FIRST_VERSION;
        Map<String, String> environment = new LinkedHashMap<>();
        for (String backend : node.backends()) {
            environment.put(
                    firstLabel(backend).toUpperCase(Locale.ROOT).replace('-', '_') + "_SVC_URL",
                    "http://" + backend + ":" + routerPort(backend, description));
        }
        String reported = service.substring(0, 1).toUpperCase(Locale.ROOT) + service.substring(1);
        return new Workload(name, service + "-service", reported, version, node.name(), 0, environment);
    }

    /** The port of the listener of the router that provides the virtual service (App Mesh's default 8080). */
    private static int routerPort(String virtualService, MeshDescription description) {
        return description.virtualServices().stream()
                .filter(service -> service.name().equals(virtualService))
                .map(VirtualService::virtualRouter)
                .flatMap(router -> description.virtualRouters().stream()
                        .filter(r -> r.name().equals(router)))
                .map(VirtualRouter::listener)
                .findFirst()
                .orElse(Listener.HTTP_8080)
                .port();
    }

    static String firstLabel(String hostname) {
        int dot = hostname.indexOf('.');
        return dot < 0 ? hostname : hostname.substring(0, dot);
    }
}
