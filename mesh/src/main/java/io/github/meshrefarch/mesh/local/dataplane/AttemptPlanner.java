package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Where the attempts of one request at one route go, and whether one more is allowed. Each attempt picks a weighted
 * target again and prefers a target and an endpoint not tried yet: locally each virtual node has a single endpoint, so
 * this gives the fail-over that endpoint health checking gives on Kubernetes. Not thread-safe: one request's attempts
 * run one after the other on its event loop.
 */
final class AttemptPlanner {

    /** App Mesh's (and Envoy's) route timeout when the route sets none. */
    static final Duration DEFAULT_ROUTE_TIMEOUT = Duration.ofSeconds(15);

    private final HttpRouteRule route;
    private final RetryRules rules;
    private final ServiceRegistry registry;
    private final TrafficCounters.ServiceCounters counters;
    private final EnvoyStats stats;
    private final String meshName;
    private final Set<String> triedNodes = new HashSet<>(4);
    private final Set<InetSocketAddress> triedEndpoints = new HashSet<>(4);
    private final RetryBackOff backOff;
    private int retriesDone;

    AttemptPlanner(
            String meshName,
            HttpRouteRule route,
            ServiceRegistry registry,
            TrafficCounters.ServiceCounters counters,
            EnvoyStats stats,
            RandomGenerator jitter) {
        this.meshName = meshName;
        this.backOff = new RetryBackOff(jitter);
        this.route = route;
        this.rules = RetryRules.of(route.retryPolicy());
        this.registry = registry;
        this.counters = counters;
        this.stats = stats;
    }

    /** The next attempt, not started; null when no target has weight. Its endpoint is null when none is registered. */
    UpstreamAttempt next(ProxiedExchange exchange, UpstreamPool pool) {
        WeightedBackend target = WeightedTargetPicker.pick(route.targets(), triedNodes, ThreadLocalRandom.current())
                .orElse(null);
        if (target == null) {
            return null;
        }
        triedNodes.add(target.virtualNodeName());
        TrafficCounters.TargetCounters targetCounters = counters.target(target.virtualNodeName());
        targetCounters.requests.increment();
        ClusterStats cluster = stats.cluster(meshName, target.virtualNodeName(), target.port());
        cluster.attempt();
        InetSocketAddress endpoint = pickEndpoint(registry.endpoints(target.hostname()));
        return new UpstreamAttempt(exchange, pool, endpoint, targetCounters, cluster);
    }

    /**
     * Bounds the whole exchange, retries and back-off included, from the request's head to the last byte of the
     * response (Envoy's route {@code timeout}, which App Mesh sets from {@code timeout.perRequest}); zero for none.
     */
    Duration routeTimeout() {
        return routeTimeout(route.perRequestTimeout());
    }

    /**
     * The route timeout of a {@code timeout.perRequest}: unset, App Mesh's 15 s; 0, none (Envoy's route timeout of 0
     * disables it, and an attempt without a {@code perRetryTimeout} is then bounded by nothing either).
     */
    static Duration routeTimeout(Duration perRequest) {
        return perRequest == null ? DEFAULT_ROUTE_TIMEOUT : perRequest;
    }

    /** The route's {@code timeout.idle} when set (zero: none), else {@code listenerDefault}. */
    Duration streamIdleTimeout(Duration listenerDefault) {
        return route.idleTimeout() == null ? listenerDefault : route.idleTimeout();
    }

    /** How long to wait before the retry about to be made, in milliseconds (Envoy's jittered back-off). */
    long backOffMillis() {
        return backOff.nextDelayMillis();
    }

    Duration perTryTimeout() {
        return rules.perTryTimeout();
    }

    /** Counts a failed attempt and tells whether the retry policy covers its failure. */
    boolean policyRetries(UpstreamFailure failure, UpstreamAttempt failed) {
        TrafficCounters.TargetCounters targetCounters = failed.targetCounters();
        return switch (failure) {
            case TIMEOUT -> {
                failed.cluster().perTryTimeout();
                yield rules.retriesTimeout();
            }
            case NO_HEALTHY_UPSTREAM -> {
                targetCounters.connectionFailures.increment();
                if (failed.endpoint() == null) {
                    failed.cluster().responseCode(UpstreamFailure.NO_HEALTHY_UPSTREAM.status.code());
                } else {
                    failed.cluster().connectFailure();
                }
                yield rules.onConnectFailure();
            }
            case RESET -> {
                targetCounters.connectionFailures.increment();
                failed.cluster().responseCode(UpstreamFailure.RESET.status.code());
                yield rules.onReset();
            }
        };
    }

    boolean policyRetries(int status) {
        return rules.retriesStatus(status);
    }

    /** Whether retries are left and the request body can be sent again. */
    boolean canRetry(ReplayableRequestBody body) {
        return retriesDone < rules.maxRetries() && body.replayable();
    }

    /** A retry follows an attempt that failed on {@code failedOn}. */
    void retrying(ClusterStats failedOn) {
        retriesDone++;
        counters.retries.increment();
        failedOn.retry();
    }

    private InetSocketAddress pickEndpoint(List<InetSocketAddress> endpoints) {
        if (endpoints.isEmpty()) {
            return null;
        }
        List<InetSocketAddress> candidates = endpoints;
        if (!triedEndpoints.isEmpty()) {
            List<InetSocketAddress> untried =
                    endpoints.stream().filter(e -> !triedEndpoints.contains(e)).toList();
            candidates = untried.isEmpty() ? endpoints : untried;
        }
        InetSocketAddress picked = candidates.size() == 1
                ? candidates.get(0)
                : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        triedEndpoints.add(picked);
        return picked;
    }
}
