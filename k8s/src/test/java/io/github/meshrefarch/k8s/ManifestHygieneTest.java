package io.github.meshrefarch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a platform team checks before accepting manifests: current API versions, selectors that select, ports and
 * probes that meet the services, resources, graceful termination and the pod security checked in
 * {@link RestrictedPodSecurity}. Runs over every Deployment and Service that any kustomization renders.
 */
class ManifestHygieneTest {

    /** The port the services listen on ({@code SERVER_PORT}, default 8080) and the virtual nodes' listener port. */
    static final int SERVICE_PORT = 8080;

    /** Actuator's own port ({@code MANAGEMENT_PORT}): probes and metrics, published by no Service. */
    static final int MANAGEMENT_PORT = 9090;

    /** Spring's default {@code spring.lifecycle.timeout-per-shutdown-phase}: how long graceful shutdown may take. */
    static final int SPRING_SHUTDOWN_PHASE_SECONDS = 30;

    private static final Map<String, String> CURRENT_API_VERSIONS = Map.ofEntries(
            Map.entry("Deployment", "apps/v1"),
            Map.entry("Service", "v1"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("Namespace", "v1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("ServiceAccount", "v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("HTTPRoute", "gateway.networking.k8s.io/v1"),
            Map.entry("Gateway", "gateway.networking.k8s.io/v1"),
            Map.entry("TargetGroupPolicy", "application-networking.k8s.aws/v1alpha1"),
            Map.entry("IAMAuthPolicy", "application-networking.k8s.aws/v1alpha1"));

    static Stream<Arguments> objects() {
        return rendered()
                .flatMap(r -> r.objects().stream()
                        .map(o -> argumentSet(
                                label(r) + ": " + o.getKind() + " "
                                        + o.getMetadata().getName(),
                                o)));
    }

    static Stream<Arguments> deployments() {
        return rendered()
                .flatMap(r -> r.deployments().stream()
                        .map(d -> argumentSet(label(r) + ": " + d.getMetadata().getName(), r, d)));
    }

    static Stream<Arguments> services() {
        return rendered()
                .flatMap(r -> r.services().stream()
                        .map(s -> argumentSet(label(r) + ": " + s.getMetadata().getName(), r, s)));
    }

    @ParameterizedTest
    @MethodSource("objects")
    void everyObject_usesTheCurrentApiVersionOfItsKind(HasMetadata object) {
        assertThat(CURRENT_API_VERSIONS).as("kinds these manifests may use").containsKey(object.getKind());
        assertThat(object.getApiVersion()).isEqualTo(CURRENT_API_VERSIONS.get(object.getKind()));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void deployment_selectorsSelectItsOwnPods(Rendered rendered, Deployment deployment) {
        Map<String, String> podLabels = podLabels(deployment);

        assertThat(deployment.getSpec().getSelector().getMatchExpressions()).isEmpty();
        assertThat(Rendered.selects(deployment.getSpec().getSelector().getMatchLabels(), podLabels))
                .as("selector %s, pod labels %s", deployment.getSpec().getSelector(), podLabels)
                .isTrue();
        assertThat(podLabels).containsKeys("app", "version");
        assertThat(deployment.getMetadata().getLabels())
                .containsAllEntriesOf(Map.of("app", podLabels.get("app"), "version", podLabels.get("version")));
        assertThat(podSpec(deployment).getTopologySpreadConstraints())
                .allSatisfy(constraint -> assertThat(
                                Rendered.selects(constraint.getLabelSelector().getMatchLabels(), podLabels))
                        .isTrue());
        assertThat(rendered.disruptionBudgets())
                .as("exactly one PodDisruptionBudget covers the pods")
                .filteredOn(budget ->
                        Rendered.selects(budget.getSpec().getSelector().getMatchLabels(), podLabels))
                .singleElement()
                .satisfies(
                        budget -> assertThat(budget.getSpec().getMinAvailable().getIntVal())
                                .isPositive()
                                .isLessThan(deployment.getSpec().getReplicas()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void service_selectsExactlyOneDeploymentOnItsNamedContainerPort(Rendered rendered, Service service) {
        List<Deployment> selected = rendered.deployments().stream()
                .filter(d -> Rendered.selects(service.getSpec().getSelector(), podLabels(d)))
                .toList();

        // One Service per version: product must not also send traffic to product-v15's pods.
        assertThat(selected).singleElement().satisfies(deployment -> {
            ServicePort port = service.getSpec().getPorts().get(0);
            assertThat(service.getSpec().getPorts()).hasSize(1);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            assertThat(app(deployment).getPorts())
                    .anySatisfy(p -> assertThat(p.getName()).isEqualTo("http"));
            boolean order = deployment.getMetadata().getName().equals("order");
            assertThat(service.getSpec().getType()).isEqualTo(order ? "LoadBalancer" : "ClusterIP");
            assertThat(port.getPort()).isEqualTo(order ? 80 : SERVICE_PORT);
        });
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void container_listensOnTheServicePortAndProbesTheActuatorGroups(Rendered rendered, Deployment deployment) {
        Container app = app(deployment);

        assertThat(app.getPorts())
                .extracting(port -> port.getName() + ":" + port.getContainerPort())
                .containsExactly("http:" + SERVICE_PORT, "management:" + MANAGEMENT_PORT);
        assertThat(env(app))
                .containsEntry("SERVER_PORT", String.valueOf(SERVICE_PORT))
                .containsEntry("MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT))
                .hasEntrySatisfying(
                        "WARM_UP_REQUESTS",
                        requests -> assertThat(Integer.parseInt(requests))
                                .as("warm-up before readiness")
                                .isPositive());
        assertHttpProbe(app.getLivenessProbe(), "/actuator/health/liveness");
        assertHttpProbe(app.getReadinessProbe(), "/actuator/health/readiness");
        assertHttpProbe(app.getStartupProbe(), "/actuator/health/liveness");
    }

    @ParameterizedTest
    @MethodSource("services")
    void service_neverPublishesTheManagementPortAndOrdersLoadBalancerHasSourceRanges(
            Rendered rendered, Service service) {
        assertThat(service.getSpec().getPorts())
                .allSatisfy(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"))
                .noneSatisfy(port -> assertThat(port.getPort()).isEqualTo(MANAGEMENT_PORT));
        if (service.getSpec().getType().equals("LoadBalancer")) {
            assertThat(service.getSpec().getLoadBalancerSourceRanges())
                    .as("set in base/order/service.yaml, the one place for it")
                    .isNotEmpty()
                    .allSatisfy(range -> assertThat(range).matches("[0-9a-f.:]+/[0-9]{1,3}"));
        } else {
            assertThat(service.getSpec().getLoadBalancerSourceRanges()).isNullOrEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void pod_meetsTheRestrictedPodSecurityStandardWithReadOnlyRoot(Rendered rendered, Deployment deployment) {
        assertThat(RestrictedPodSecurity.violations(podSpec(deployment))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void pod_terminatesGracefullyWithinItsGracePeriod(Rendered rendered, Deployment deployment) {
        long grace = podSpec(deployment).getTerminationGracePeriodSeconds();
        Container app = app(deployment);

        assertThat(app.getLifecycle().getPreStop().getExec())
                .as("the image has no shell: the preStop delay is a sleep action")
                .isNull();
        int preStopSeconds =
                app.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
        assertThat(preStopSeconds).isPositive().isLessThan((int) grace);
        assertThat(grace)
                .as("preStop delay plus Spring's shutdown phase must fit in the grace period")
                .isGreaterThanOrEqualTo(preStopSeconds + SPRING_SHUTDOWN_PHASE_SECONDS);
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void everyContainer_requestsAndLimitsCpuAndMemory(Rendered rendered, Deployment deployment) {
        PodSpec pod = podSpec(deployment);
        assertThat(Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()))
                .isNotEmpty()
                .allSatisfy(container -> {
                    Map<String, Quantity> requests = container.getResources().getRequests();
                    Map<String, Quantity> limits = container.getResources().getLimits();
                    assertThat(requests).as(container.getName()).containsKeys("cpu", "memory");
                    assertThat(limits).as(container.getName()).containsKeys("cpu", "memory");
                    assertThat(requests.get("memory").getNumericalAmount())
                            .isLessThanOrEqualTo(limits.get("memory").getNumericalAmount());
                    assertThat(requests.get("cpu").getNumericalAmount())
                            .isLessThanOrEqualTo(limits.get("cpu").getNumericalAmount());
                });
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe on %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal())
                .as("probes go to Actuator's own port")
                .isEqualTo("management");
    }

    private static Stream<Rendered> rendered() {
        return Kustomizations.buildable().stream().map(Rendered::of);
    }

    private static String label(Rendered rendered) {
        Path k8s = ProjectLayout.k8s();
        return k8s.relativize(rendered.directory()).toString();
    }

    static PodSpec podSpec(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    /**
     * The workload's only container (App Mesh's Envoy is injected at admission, it is not in the manifests; the
     * Lattice layer's signing proxies beside order are native sidecars, i.e. init containers).
     */
    static Container app(Deployment deployment) {
        assertThat(podSpec(deployment).getContainers()).hasSize(1);
        return podSpec(deployment).getContainers().get(0);
    }

    static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    }
}
