package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.VirtualService;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limits of the HTTPRoute CRD (Gateway API v1.5.1, standard channel: OpenAPI and CEL) and of
 * Kubernetes names that meshctl's writes can hit, plus, with the Gateway (VPC Lattice) parent, the
 * limits the Lattice controller enforces only in code. Checked on the whole mesh before any write,
 * so a change that would be refused halfway is refused up front. Pure.
 */
public final class HttpRouteLimits {

    public static final int MAX_RULES = 16;
    public static final int MAX_BACKEND_REFS = 16;
    public static final int MAX_TOTAL_MATCHES = 127;
    public static final int MAX_WEIGHT = 1_000_000;
    public static final int MAX_PATH_LENGTH = 1024;
    public static final int LATTICE_MAX_TARGETS = 10;
    public static final int LATTICE_MAX_WEIGHT = 999;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern PATH_CHARACTERS =
            Pattern.compile("(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+");

    private HttpRouteLimits() {}

    /** Every limit {@code mesh} breaks when written with {@code parent}, one sentence each. */
    public static List<String> problems(MeshDescription mesh, ParentStyle parent) {
        List<String> problems = new ArrayList<>();
        labelValue(problems, "mesh " + mesh.mesh(), mesh.mesh());
        if (parent.lattice()) {
            subdomain(problems, "Gateway name " + parent.gateway(mesh.mesh()), parent.gateway(mesh.mesh()));
        }
        Map<String, String> nodesByService = new HashMap<>();
        for (VirtualNode node : mesh.virtualNodes()) {
            labelValue(problems, "virtual node " + node.name(), node.name());
            String service = GatewayApiNames.serviceName(node.hostname());
            dnsLabel(problems, "virtual node " + node.name() + ": Service name " + service, service);
            String other = nodesByService.putIfAbsent(service, node.name());
            if (other != null) {
                problems.add("virtual nodes " + other + " and " + node.name() + " would share the Service " + service);
            }
        }
        for (VirtualRouter router : mesh.virtualRouters()) {
            checkRouter(problems, mesh, router, parent);
        }
        for (VirtualService service : mesh.virtualServices()) {
            String field = "virtual service " + service.name();
            if (parent.lattice()) {
                subdomain(problems, field + " (the route's hostname)", service.name());
            } else {
                String parentService = GatewayApiNames.serviceName(service.name());
                dnsLabel(problems, field + ": parent Service name " + parentService, parentService);
            }
        }
        return problems;
    }

    /** The limits an HTTPRoute breaks as it would be written, other writers' rules included. */
    public static List<String> problems(HTTPRoute route, ParentStyle parent) {
        List<String> problems = new ArrayList<>();
        String name = "HTTPRoute " + route.getMetadata().getName();
        int rules = route.getSpec().getRules().size();
        if (rules < 1 || rules > MAX_RULES) {
            problems.add(name + " would have " + rules + " rules; the CRD allows 1 to " + MAX_RULES);
        }
        int maxRefs = parent.lattice() ? LATTICE_MAX_TARGETS : MAX_BACKEND_REFS;
        int matches = 0;
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            matches += Math.max(1, rule.getMatches().size());
            if (rule.getBackendRefs().size() > maxRefs) {
                problems.add(name + " rule " + rule.getName() + " would have "
                        + rule.getBackendRefs().size() + " backendRefs; at most " + maxRefs
                        + (parent.lattice() ? " on VPC Lattice" : ""));
            }
        }
        if (matches > MAX_TOTAL_MATCHES) {
            problems.add(name + " would have " + matches + " matches; the CRD allows fewer than 128");
        }
        return problems;
    }

    /** The CEL rules on an Exact or PathPrefix path value, in the CRD's words. */
    public static List<String> pathProblems(String path) {
        List<String> problems = new ArrayList<>();
        if (!path.startsWith("/")) {
            problems.add("must be an absolute path and start with '/'");
        }
        for (String part : List.of("//", "/./", "/../", "%2f", "%2F", "#")) {
            if (path.contains(part)) {
                problems.add("must not contain '" + part + "'");
            }
        }
        for (String end : List.of("/..", "/.")) {
            if (path.endsWith(end)) {
                problems.add("must not end with '" + end + "'");
            }
        }
        if (!PATH_CHARACTERS.matcher(path).matches()) {
            problems.add("must only contain valid characters (unreserved, sub-delims, ':', '@', '/' or %XX)");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            problems.add("is longer than " + MAX_PATH_LENGTH + " characters");
        }
        return problems;
    }

    private static void checkRouter(List<String> problems, MeshDescription mesh, VirtualRouter router, ParentStyle p) {
        String field = "virtual router " + router.name();
        subdomain(problems, field + " (the HTTPRoute's name)", router.name());
        String protocol = router.listener().protocol();
        if (!"http".equals(protocol) && !"http2".equals(protocol)) {
            problems.add(field + ": listener protocol " + protocol + " has no HTTPRoute (only http and http2)");
        }
        List<Route> routes = mesh.routes().stream()
                .filter(route -> route.virtualRouter().equals(router.name()))
                .toList();
        if (routes.isEmpty() || routes.size() > MAX_RULES) {
            problems.add(field + " has " + routes.size() + " routes; an HTTPRoute needs 1 to " + MAX_RULES + " rules");
        }
        for (Route route : routes) {
            checkRoute(problems, route, p);
        }
    }

    private static void checkRoute(List<String> problems, Route route, ParentStyle parent) {
        String field = "route " + route.id();
        subdomain(problems, field + " (the rule's name)", route.name());
        pathProblems(route.prefix()).forEach(problem -> problems.add(field + ": prefix " + problem));
        int maxTargets = parent.lattice() ? LATTICE_MAX_TARGETS : MAX_BACKEND_REFS;
        if (route.weightedTargets().size() > maxTargets) {
            problems.add(field + " has " + route.weightedTargets().size() + " weighted targets; at most " + maxTargets
                    + (parent.lattice() ? " on VPC Lattice" : " backendRefs per rule"));
        }
        int maxWeight = parent.lattice() ? LATTICE_MAX_WEIGHT : MAX_WEIGHT;
        for (WeightedTarget target : route.weightedTargets()) {
            if (target.weight() < 0 || target.weight() > maxWeight) {
                problems.add(field + ": weight " + target.weight() + " of " + target.virtualNode() + " is outside 0.."
                        + maxWeight + (parent.lattice() ? " (VPC Lattice)" : ""));
            }
        }
    }

    private static void dnsLabel(List<String> problems, String field, String value) {
        if (value == null || value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            problems.add(field + " is not a DNS label (lower case letters, digits and '-', starting with a"
                    + " letter, at most 63 characters)");
        }
    }

    private static void subdomain(List<String> problems, String field, String value) {
        if (value == null
                || value.length() > 253
                || !DNS_SUBDOMAIN.matcher(value).matches()) {
            problems.add(field + " is not a DNS subdomain (lower case letters, digits, '-' and '.', at most 253)");
        }
    }

    private static void labelValue(List<String> problems, String field, String value) {
        if (value == null || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            problems.add(field + " cannot be a label value (letters, digits, '-', '_' and '.', at most 63)");
        }
    }
}
