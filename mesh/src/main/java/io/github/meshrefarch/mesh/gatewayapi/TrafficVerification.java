package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.Service;
import io.github.meshrefarch.mesh.load.generator.LoadConfig;
import io.github.meshrefarch.mesh.load.generator.LoadGenerator;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import io.github.meshrefarch.mesh.load.order.OrderResponse;
import io.github.meshrefarch.mesh.load.split.SplitCheck;
import io.github.meshrefarch.mesh.load.split.SplitCounts;
import io.github.meshrefarch.mesh.load.split.SplitTally;
import io.github.meshrefarch.mesh.load.split.SplitTest;
import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.MeshOperationException;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualService;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code --verify-url}: once the routes are live, sends order requests and checks, as the demo
 * does ({@link SplitTest}: exact binomial, false alarm at most 1 in 1000), that each changed service answered in
 * the shares its weights say. A
 * virtual node's version is the {@code version} label its Service selects (as in {@code k8s/base});
 * the service is the one order's answer names after the virtual service (product -> Product).
 */
final class TrafficVerification {

    private final URI url;
    private final KubeObjects kube;
    private final Consumer<String> progress;
    private final double rate;
    private final Duration settle;
    private final Duration window;

    TrafficVerification(
            URI url, KubeObjects kube, Consumer<String> progress, double rate, Duration settle, Duration window) {
        this.url = url;
        this.kube = kube;
        this.progress = progress;
        this.rate = rate;
        this.settle = settle;
        this.window = window;
    }

    void verify(MeshDescription mesh, List<String> routers) {
        Map<String, Map<String, Integer>> expected = new TreeMap<>();
        for (Route route : mesh.routes()) {
            if (routers.contains(route.virtualRouter())) {
                mesh.virtualServices().stream()
                        .filter(service -> service.virtualRouter().equals(route.virtualRouter()))
                        .findFirst()
                        .ifPresent(service -> expected.put(serviceOf(service), versionWeights(mesh, route)));
            }
        }
        if (expected.isEmpty()) {
            return;
        }
        progress.accept("verifying the split from traffic at " + url + " (" + window.toSeconds() + " s at "
                + Math.round(rate) + " requests/s)");
        SplitTally tally = new SplitTally();
        LoadResult result = sample(LoadConfig.of(url, rate, settle), tally);
        tally.takeWindow(); // answers that may predate the change
        result = sample(LoadConfig.of(url, rate, window), tally);
        SplitCounts split = tally.takeWindow();
        StringBuilder failures = new StringBuilder();
        for (var entry : expected.entrySet()) {
            Map<String, Long> observed = observedFor(split, entry.getKey());
            SplitVerdict verdict = SplitTest.test(observed, entry.getValue());
            List<SplitCheck> checks = verdict.checks();
            String shown = checks.stream()
                    .map(c -> c.version() + " " + c.observed() + "/" + c.samples() + " (weight " + c.weight() + ")")
                    .collect(Collectors.joining(", "));
            progress.accept(entry.getKey() + ": " + shown + (verdict.within() ? " within bounds" : "") + " ("
                    + verdict.figures() + ")");
            if (!verdict.within()) {
                failures.append(failures.isEmpty() ? "" : "; ")
                        .append(entry.getKey())
                        .append(" answered ")
                        .append(shown);
            }
        }
        if (!failures.isEmpty()) {
            throw new UnexpectedStateException("traffic does not follow the weights (" + failures + ", "
                    + result.errors().total() + " failed requests): the routes are accepted but not yet in effect");
        }
    }

    private static LoadResult sample(LoadConfig config, SplitTally tally) {
        try {
            return LoadGenerator.run(config, response -> {
                if (response.succeeded()) {
                    tally.record(OrderResponse.parse(response.body()));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshOperationException("interrupted while sampling traffic", e);
        }
    }

    /** The counts order's answers give for a service, its name matched without regard to case. */
    private static Map<String, Long> observedFor(SplitCounts split, String service) {
        return split.counts().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(service))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(Map.of());
    }

    private static String serviceOf(VirtualService service) {
        return GatewayApiNames.serviceName(service.name());
    }

    private Map<String, Integer> versionWeights(MeshDescription mesh, Route route) {
        Map<String, Integer> weights = new TreeMap<>();
        for (WeightedTarget target : route.weightedTargets()) {
            VirtualNode node = mesh.virtualNode(target.virtualNode())
                    .orElseThrow(
                            () -> new UnexpectedStateException("virtual node " + target.virtualNode() + " is missing"));
            weights.merge(version(node), target.weight(), Integer::sum);
        }
        return weights;
    }

    private String version(VirtualNode node) {
        String name = GatewayApiNames.serviceName(node.hostname());
        Service service = kube.get(Service.class, name)
                .orElseThrow(() -> new UnexpectedStateException("Service " + name + " is missing"));
        String version = service.getSpec().getSelector().get("version");
        if (version == null) {
            throw new UnexpectedStateException("--verify-url cannot tell which version virtual node " + node.name()
                    + " serves: its Service " + name + " selects no 'version' label");
        }
        return version;
    }
}
