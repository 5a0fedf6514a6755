package io.github.meshrefarch.mesh.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a mesh description before any call: names present and unique, listeners valid, every
 * reference resolvable within the description, and weighted targets as {@link #targetProblems}
 * demands. Each problem names the field, so the user knows what to fix.
 */
public final class Validator {

    /** App Mesh's resource name rule: 1..255 characters. meshctl also refuses blanks and slashes. */
    private static final Pattern NAME = Pattern.compile("[^/\\s]{1,255}");

    private static final Set<String> PROTOCOLS = Set.of("http", "http2", "grpc", "tcp");

    public static final int MAX_TARGETS = 10;

    private Validator() {}

    /** Throws {@link InvalidInputException} listing every problem of {@code description}, found in {@code source}. */
    public static void requireValid(String source, MeshDescription description) {
        requireValid(source, description, description);
    }

    /**
     * Like {@link #requireValid(String, MeshDescription)} for a partial description (a step's
     * {@code apply}): checks its resources, resolving references in {@code context}, the mesh
     * they will join.
     */
    public static void requireValid(String source, MeshDescription checked, MeshDescription context) {
        List<String> problems = problems(checked, context);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source + ": " + String.join("; ", problems));
        }
    }

    static List<String> problems(MeshDescription checked, MeshDescription description) {
        List<String> problems = new ArrayList<>();
        checkName(problems, "mesh", description.mesh());
        unique(problems, "virtualNodes", checked.virtualNodes(), VirtualNode::name);
        unique(problems, "virtualRouters", checked.virtualRouters(), VirtualRouter::name);
        unique(problems, "routes", checked.routes(), Route::id);
        unique(problems, "virtualServices", checked.virtualServices(), VirtualService::name);
        for (int i = 0; i < checked.virtualNodes().size(); i++) {
            checkNode(
                    problems, "virtualNodes[" + i + "]", checked.virtualNodes().get(i), description);
        }
        for (int i = 0; i < checked.virtualRouters().size(); i++) {
            VirtualRouter router = checked.virtualRouters().get(i);
            checkName(problems, "virtualRouters[" + i + "].name", router.name());
            checkListener(problems, "virtualRouters[" + i + "].listener", router.listener());
        }
        for (int i = 0; i < checked.routes().size(); i++) {
            checkRoute(problems, "routes[" + i + "]", checked.routes().get(i), description);
        }
        for (int i = 0; i < checked.virtualServices().size(); i++) {
            VirtualService service = checked.virtualServices().get(i);
            String field = "virtualServices[" + i + "]";
            checkName(problems, field + ".name", service.name());
            checkReference(
                    problems,
                    field + ".virtualRouter",
                    service.virtualRouter(),
                    "virtual router",
                    name -> description.virtualRouter(name).isPresent());
        }
        return problems;
    }

    /**
     * The problems of a set of weighted targets: 1..10 targets, each node named once, weights
     * integers 0..100 that sum to 100.
     */
    public static List<String> targetProblems(List<WeightedTarget> targets) {
        List<String> problems = new ArrayList<>();
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            problems.add("a route needs 1 to " + MAX_TARGETS + " weighted targets, got " + targets.size());
        }
        Set<String> seen = new HashSet<>();
        int sum = 0;
        for (WeightedTarget target : targets) {
            if (target.virtualNode() == null || target.virtualNode().isBlank()) {
                problems.add("a weighted target has no virtualNode");
            } else if (!seen.add(target.virtualNode())) {
                problems.add("virtual node " + target.virtualNode() + " is a target twice");
            }
            if (target.weight() < 0 || target.weight() > 100) {
                problems.add("weight " + target.weight() + " of " + target.virtualNode() + " is outside 0..100");
            }
            sum += target.weight();
        }
        if (!targets.isEmpty() && sum != 100) {
            problems.add("weights sum to " + sum + ", they must sum to 100");
        }
        return problems;
    }

    private static void checkNode(List<String> problems, String field, VirtualNode node, MeshDescription description) {
        checkName(problems, field + ".name", node.name());
        if (node.hostname() == null || node.hostname().isBlank()) {
            problems.add(field + ".hostname is missing");
        }
        checkListener(problems, field + ".listener", node.listener());
        for (String backend : node.backends()) {
            checkReference(
                    problems,
                    field + ".backends",
                    backend,
                    "virtual service",
                    name -> description.virtualService(name).isPresent());
        }
    }

    private static void checkRoute(List<String> problems, String field, Route route, MeshDescription description) {
        checkName(problems, field + ".name", route.name());
        checkReference(
                problems,
                field + ".virtualRouter",
                route.virtualRouter(),
                "virtual router",
                name -> description.virtualRouter(name).isPresent());
        if (!route.prefix().startsWith("/")) {
            problems.add(field + ".prefix '" + route.prefix() + "' must start with /");
        }
        targetProblems(route.weightedTargets())
                .forEach(problem -> problems.add(field + ".weightedTargets: " + problem));
        for (WeightedTarget target : route.weightedTargets()) {
            checkReference(
                    problems,
                    field + ".weightedTargets",
                    target.virtualNode(),
                    "virtual node",
                    name -> description.virtualNode(name).isPresent());
        }
        RouteRulesValidator.checkRetryPolicy(problems, field + ".retryPolicy", route.retryPolicy());
        RouteRulesValidator.checkTimeout(problems, field + ".timeout", route.timeout());
        if (route.baseline() != null) {
            checkReference(
                    problems,
                    field + ".baseline",
                    route.baseline(),
                    "virtual node",
                    name -> description.virtualNode(name).isPresent());
        }
    }

    private static void checkReference(
            List<String> problems, String field, String name, String kind, Function<String, Boolean> exists) {
        if (name == null || name.isBlank()) {
            problems.add(field + " is missing");
        } else if (!exists.apply(name)) {
            problems.add(field + ": " + kind + " " + name + " does not exist in the description or the mesh");
        }
    }

    private static void checkListener(List<String> problems, String field, Listener listener) {
        if (listener.port() < 1 || listener.port() > 65535) {
            problems.add(field + ".port " + listener.port() + " is outside 1..65535");
        }
        if (listener.protocol() == null || !PROTOCOLS.contains(listener.protocol())) {
            problems.add(field + ".protocol must be one of http, http2, grpc, tcp, got " + listener.protocol());
        }
    }

    private static void checkName(List<String> problems, String field, String name) {
        if (name == null || name.isBlank()) {
            problems.add(field + " is missing");
        } else if (!NAME.matcher(name).matches()) {
            problems.add(field + " '" + name + "' is not a valid name (1..255 characters, no spaces or slashes)");
        }
    }

    private static <T> void unique(List<String> problems, String field, List<T> resources, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        for (T resource : resources) {
            String key = id.apply(resource);
            if (key != null && !seen.add(key)) {
                problems.add(field + ": " + key + " is declared twice");
            }
        }
    }
}
