package io.github.meshrefarch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.meshrefarch.mesh.gatewayapi.schema.CrdValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The GAMMA and VPC Lattice layers: every Gateway API and Lattice object passes the upstream CRDs (OpenAPI and CEL),
 * the HTTPRoutes of step 01 are what meshctl writes from {@code mesh/steps/01-create-mesh.yaml} (decided mapping),
 * each workload runs as its own ServiceAccount, and the NetworkPolicy admits only the mesh path to product and
 * customer.
 */
class GatewayApiLayersTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String MESH = "meshrefarch.github.io/mesh";

    enum Layer {
        GAMMA,
        LATTICE;

        Path directory(Step step) {
            return (this == GAMMA ? step.gamma() : step.lattice()).orElseThrow();
        }
    }

    static Stream<Arguments> gatewayApiObjects() {
        CrdValidator validator = CrdValidator.standard();
        return Kustomizations.buildable().stream()
                .map(Rendered::of)
                .flatMap(r -> r.objects().stream()
                        .filter(validator::covers)
                        .map(o -> argumentSet(
                                ProjectLayout.k8s().relativize(r.directory()) + ": " + o.getKind() + " "
                                        + o.getMetadata().getName(),
                                o)));
    }

    @ParameterizedTest
    @MethodSource("gatewayApiObjects")
    void gatewayApiAndLatticeObjects_passTheUpstreamCrdsOpenApiAndCelRules(HasMetadata object) {
        assertThat(CrdValidator.standard().violations(object)).isEmpty();
    }

    @Test
    void layers_holdGatewayApiObjectsForTheValidatorToCheck() {
        assertThat(gatewayApiObjects()).hasSize(3 + 3 + 1 + 2 + 2 + 1 + 1);
    }

    @ParameterizedTest
    @EnumSource(Layer.class)
    void stepOneRoutes_areWhatMeshctlWritesForStepOne(Layer layer) {
        JsonNode step = YAML.readTree(ProjectLayout.root()
                        .resolve("mesh/steps/01-create-mesh.yaml")
                        .toFile())
                .path("apply");
        Rendered rendered = Rendered.of(layer.directory(Step.V1));
        List<String> expected = new ArrayList<>();
        for (JsonNode route : step.path("routes")) {
            expected.add(route.path("virtualRouter").asString());
            JsonNode httpRoute =
                    tree(rendered, "HTTPRoute", route.path("virtualRouter").asString());
            assertThat(httpRoute.path("metadata").path("labels").path(MESH).asString())
                    .isEqualTo("demomesh");
            JsonNode rule = httpRoute.path("spec").path("rules").path(0);
            assertThat(httpRoute.path("spec").path("rules")).hasSize(1);
            assertThat(rule.path("name").asString())
                    .isEqualTo(route.path("name").asString());
            assertThat(rule.path("matches").toString())
                    .isEqualTo("[{\"path\":{\"type\":\"PathPrefix\",\"value\":\""
                            + route.path("prefix").asString() + "\"}}]");
            List<JsonNode> refs = new ArrayList<>();
            rule.path("backendRefs").forEach(refs::add);
            List<JsonNode> targets = new ArrayList<>();
            for (JsonNode target : route.path("weightedTargets")) {
                String service = serviceOf(step, target.path("virtualNode").asString());
                targets.add(YAML.readTree("{group: '', kind: Service, name: " + service + ", port: 8080, weight: "
                        + target.path("weight").asInt() + "}"));
            }
            assertThat(refs).as(route.path("name").asString()).isEqualTo(targets);
            assertParent(layer, step, route.path("virtualRouter").asString(), httpRoute);
        }
        assertThat(rendered.ofKind("HTTPRoute"))
                .extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void assertParent(Layer layer, JsonNode step, String router, JsonNode httpRoute) {
        String virtualService = null;
        for (JsonNode service : step.path("virtualServices")) {
            if (service.path("virtualRouter").asString().equals(router)) {
                virtualService = service.path("name").asString();
            }
        }
        JsonNode annotations = httpRoute.path("metadata").path("annotations");
        if (virtualService == null) {
            assertThat(httpRoute.path("spec").path("parentRefs").isMissingNode())
                    .isTrue();
            assertThat(annotations.has("meshrefarch.github.io/virtual-service")).isFalse();
            return;
        }
        assertThat(annotations.path("meshrefarch.github.io/virtual-service").asString())
                .isEqualTo(virtualService);
        String parent = layer == Layer.GAMMA
                ? "[{group: '', kind: Service, name: " + virtualService.split("\\.")[0] + ", port: 8080}]"
                : "[{group: gateway.networking.k8s.io, kind: Gateway, name: demomesh, sectionName: http}]";
        assertThat(elements(httpRoute.path("spec").path("parentRefs"))).isEqualTo(elements(YAML.readTree(parent)));
        if (layer == Layer.LATTICE) {
            // first: the Lattice custom domain order calls; then the virtual service, as meshctl adds it
            assertThat(httpRoute.path("spec").path("hostnames").toString())
                    .isEqualTo("[\"" + virtualService.split("\\.")[0] + ".demomesh.internal\",\"" + virtualService
                            + "\"]");
        }
    }

    @ParameterizedTest
    @EnumSource(Layer.class)
    void everyService_isLabelledWithItsVirtualNode(Layer layer) {
        MeshDescription mesh = MeshDescription.load();
        for (Step step : List.of(Step.V1, Step.PRODUCT_V15, Step.CUSTOMER_V2)) {
            assertThat(Rendered.of(layer.directory(step)).services()).allSatisfy(service -> {
                String node = service.getMetadata().getLabels().get("meshrefarch.github.io/virtual-node");
                assertThat(mesh.virtualNodeHostnames())
                        .as(mesh.source())
                        .containsEntry(node, Rendered.dnsName(service));
                assertThat(service.getMetadata().getLabels()).containsEntry(MESH, "demomesh");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void everyWorkload_runsAsItsOwnServiceAccount(Step step) {
        Stream.concat(Stream.of(step.plain()), step.overlays().stream())
                .map(Rendered::of)
                .forEach(rendered -> {
                    for (Deployment deployment : rendered.deployments()) {
                        String name = deployment.getMetadata().getName();
                        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                                .as(name)
                                .isEqualTo(name);
                        assertThat(rendered.serviceAccounts())
                                .filteredOn(a -> a.getMetadata().getName().equals(name))
                                .singleElement()
                                .satisfies(a -> assertThat(a.getAutomountServiceAccountToken())
                                        .isFalse());
                    }
                });
    }

    @ParameterizedTest
    @EnumSource(Layer.class)
    void networkPolicy_coversEveryProductAndCustomerVersionAndNotOrder(Layer layer) {
        for (Step step : List.of(Step.V1, Step.PRODUCT_V15, Step.CUSTOMER_V2)) {
            Rendered rendered = Rendered.of(layer.directory(step));
            NetworkPolicy policy =
                    rendered.networkPolicies().stream().findFirst().orElseThrow();
            for (Deployment deployment : rendered.deployments()) {
                Map<String, String> pod =
                        deployment.getSpec().getTemplate().getMetadata().getLabels();
                assertThat(selects(policy, pod))
                        .as(deployment.getMetadata().getName())
                        .isEqualTo(!pod.get("app").equals("order"));
            }
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
                if (layer == Layer.GAMMA) {
                    assertThat(rule.getFrom())
                            .singleElement()
                            .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                                    .isEqualTo(Map.of("app", "order")));
                } else {
                    assertThat(rule.getFrom())
                            .singleElement()
                            .satisfies(peer ->
                                    assertThat(peer.getIpBlock().getCidr()).isEqualTo("169.254.171.0/24"));
                    // Lattice's traffic on http, its target groups' health checks on Actuator's port
                    assertThat(rule.getPorts())
                            .extracting(port -> port.getPort().getStrVal())
                            .containsExactlyInAnyOrder("http", "management");
                }
            });
        }
    }

    @Test
    void latticeLayer_healthChecksEveryTargetGroupOnTheReadinessProbeAndLetsOnlyOrderInvoke() {
        for (Step step : List.of(Step.V1, Step.PRODUCT_V15, Step.CUSTOMER_V2)) {
            Rendered rendered = Rendered.of(Layer.LATTICE.directory(step));
            for (Deployment deployment : rendered.deployments()) {
                if (deployment.getMetadata().getName().equals("order")) {
                    continue;
                }
                var probe = deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getReadinessProbe();
                JsonNode policy = tree(
                        rendered, "TargetGroupPolicy", deployment.getMetadata().getName());
                assertThat(policy.path("spec").path("healthCheck").path("path").asString())
                        .isEqualTo(probe.getHttpGet().getPath());
                assertThat(policy.path("spec").path("healthCheck").path("port").asInt())
                        .isEqualTo(ManifestHygieneTest.MANAGEMENT_PORT)
                        .isEqualTo(probedPort(deployment, probe.getHttpGet().getPort()));
            }
        }
        Rendered v1 = Rendered.of(Layer.LATTICE.directory(Step.V1));
        assertThat(v1.ofKind("IAMAuthPolicy"))
                .hasSize(2)
                .allSatisfy(object -> assertThat(
                                tree(object).path("spec").path("policy").asString())
                        .contains("\"aws:PrincipalTag/kubernetes-service-account\": \"order\""));
    }

    @Test
    void latticeRoutes_stayWithinTheLimitsTheLatticeControllerEnforcesOnlyInCode() {
        for (HasMetadata route : Rendered.of(Layer.LATTICE.directory(Step.V1)).ofKind("HTTPRoute")) {
            for (JsonNode rule : tree(route).path("spec").path("rules")) {
                assertThat(rule.path("matches").size()).as("matches per rule").isLessThanOrEqualTo(1);
                assertThat(rule.path("backendRefs").size())
                        .as("target groups per rule")
                        .isBetween(1, 10);
                rule.path("backendRefs")
                        .forEach(ref -> assertThat(ref.path("weight").asInt()).isBetween(0, 999));
            }
        }
    }

    /** The container port a probe's port (a number or a port name) refers to. */
    private static int probedPort(Deployment deployment, io.fabric8.kubernetes.api.model.IntOrString port) {
        if (port.getStrVal() == null) {
            return port.getIntVal();
        }
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .findFirst()
                .orElseThrow()
                .getContainerPort();
    }

    private static boolean selects(NetworkPolicy policy, Map<String, String> labels) {
        for (LabelSelectorRequirement requirement :
                policy.getSpec().getPodSelector().getMatchExpressions()) {
            if (!requirement.getOperator().equals("In")
                    || !requirement.getValues().contains(labels.get(requirement.getKey()))) {
                return false;
            }
        }
        Map<String, String> match = policy.getSpec().getPodSelector().getMatchLabels();
        return match == null || labels.entrySet().containsAll(match.entrySet());
    }

    /** The elements of a JSON array (a list compares them by value, whatever the order of their fields). */
    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static String serviceOf(JsonNode step, String node) {
        for (JsonNode virtualNode : step.path("virtualNodes")) {
            if (virtualNode.path("name").asString().equals(node)) {
                return virtualNode.path("hostname").asString().split("\\.")[0];
            }
        }
        throw new AssertionError("step 01 has no virtual node " + node);
    }

    private static JsonNode tree(Rendered rendered, String kind, String name) {
        return tree(rendered.ofKind(kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rendered.directory() + " has no " + kind + " " + name)));
    }

    private static JsonNode tree(HasMetadata object) {
        return YAML.readTree(SERIALIZATION.asJson(object));
    }
}
