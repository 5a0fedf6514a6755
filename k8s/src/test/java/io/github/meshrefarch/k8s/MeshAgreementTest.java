package io.github.meshrefarch.k8s;

import static io.github.meshrefarch.k8s.ManifestHygieneTest.SERVICE_PORT;
import static io.github.meshrefarch.k8s.ManifestHygieneTest.app;
import static io.github.meshrefarch.k8s.ManifestHygieneTest.env;
import static io.github.meshrefarch.k8s.ManifestHygieneTest.podLabels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The workloads agree with the mesh that meshctl applies ({@link MeshDescription}): each Deployment reports the
 * service and version of its workload, is reachable at the DNS hostname of its virtual node, is bound to that virtual
 * node by the App Mesh layer, and order calls the virtual services.
 */
class MeshAgreementTest {

    private static final MeshDescription MESH = MeshDescription.load();

    static Stream<Arguments> stepDeployments() {
        return Stream.of(Step.values())
                .flatMap(step -> Stream.concat(Stream.of(step.plain()), step.overlays().stream()))
                .map(Rendered::of)
                .flatMap(r -> r.deployments().stream()
                        .map(d -> argumentSet(
                                ProjectLayout.k8s().relativize(r.directory()) + ": "
                                        + d.getMetadata().getName(),
                                r,
                                d)));
    }

    static Stream<Arguments> eksDeployments() {
        return stepDeployments()
                .filter(arguments ->
                        ((Rendered) arguments.get()[0]).directory().getParent().endsWith("eks"));
    }

    @ParameterizedTest
    @MethodSource("stepDeployments")
    void deployment_reportsItsWorkloadsServiceAndVersion(Rendered rendered, Deployment deployment) {
        Workload workload = Workload.named(deployment.getMetadata().getName());
        Map<String, String> env = env(app(deployment));

        assertThat(env)
                .containsEntry("SERVICE_NAME", workload.serviceName())
                .containsEntry("SERVICE_VERSION", workload.serviceVersion());
        assertThat(podLabels(deployment))
                .containsEntry("app", workload.serviceName().toLowerCase())
                .containsEntry("version", workload.serviceVersion());
    }

    @ParameterizedTest
    @MethodSource("stepDeployments")
    void deployment_isReachableAtTheHostnameOfExactlyOneVirtualNode(Rendered rendered, Deployment deployment) {
        List<String> dnsNames = rendered.servicesSelecting(deployment).stream()
                .map(Rendered::dnsName)
                .toList();

        List<String> virtualNodes = virtualNodesServing(dnsNames);

        assertThat(virtualNodes).as(MESH.source()).hasSize(1);
        Service service = rendered.servicesSelecting(deployment).stream()
                .filter(s ->
                        Rendered.dnsName(s).equals(MESH.virtualNodeHostnames().get(virtualNodes.get(0))))
                .findFirst()
                .orElseThrow();
        // Envoy sends to the hostname on the listener port; the container listens on it, too.
        int listenerPort = MESH.virtualNodeListenerPorts().get(virtualNodes.get(0));
        assertThat(app(deployment).getPorts().get(0).getContainerPort()).isEqualTo(listenerPort);
        if (service.getSpec().getType().equals("ClusterIP")) {
            assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(listenerPort);
        }
    }

    @ParameterizedTest
    @MethodSource("eksDeployments")
    void meshLayer_bindsEachDeploymentToTheVirtualNodeOfItsHostname(Rendered rendered, Deployment deployment) {
        List<String> dnsNames = rendered.servicesSelecting(deployment).stream()
                .map(Rendered::dnsName)
                .toList();
        Map<String, String> annotations = KustomizationsTest.podAnnotations(deployment);

        assertThat(annotations)
                .as(MESH.source())
                .containsEntry("appmesh.k8s.aws/mesh", MESH.meshName())
                .containsEntry(
                        "appmesh.k8s.aws/virtualNode",
                        virtualNodesServing(dnsNames).get(0));
        assertThat(rendered.namespaces())
                .singleElement()
                .satisfies(namespace -> assertThat(namespace.getMetadata().getLabels())
                        .containsEntry("appmesh.k8s.aws/sidecarInjectorWebhook", "enabled")
                        .containsEntry("mesh", MESH.meshName()));
    }

    @Test
    void everyVirtualNode_isBoundByExactlyOneDeploymentOfTheEksSteps() {
        List<String> bound = eksDeployments()
                .map(arguments -> (Deployment) arguments.get()[1])
                .map(d -> KustomizationsTest.podAnnotations(d).get("appmesh.k8s.aws/virtualNode"))
                .toList();

        assertThat(bound)
                .as(MESH.source())
                .containsExactlyInAnyOrderElementsOf(MESH.virtualNodeHostnames().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRODUCT_SVC_URL", "CUSTOMER_SVC_URL"})
    void order_callsAVirtualServiceOnThePortOfItsKubernetesService(String variable) {
        Rendered all = Rendered.of(Step.ALL.plain());
        URI url = URI.create(env(app(all.deployment("order"))).get(variable));

        assertThat(url.getScheme()).isEqualTo("http");
        assertThat(MESH.virtualServices()).as(MESH.source()).contains(url.getHost());
        assertThat(url.getPort()).isEqualTo(SERVICE_PORT);
        // Without a mesh (or before Envoy intercepts), the name must still resolve to a Service of v1 pods.
        Optional<Service> service = all.services().stream()
                .filter(s -> Rendered.dnsName(s).equals(url.getHost()))
                .findFirst();
        assertThat(service).hasValueSatisfying(s -> {
            assertThat(s.getSpec().getPorts().get(0).getPort()).isEqualTo(url.getPort());
            assertThat(s.getSpec().getSelector()).containsEntry("version", "1.0");
        });
    }

    private static List<String> virtualNodesServing(List<String> dnsNames) {
        return MESH.virtualNodeHostnames().entrySet().stream()
                .filter(node -> dnsNames.contains(node.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
