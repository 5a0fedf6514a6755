package io.github.meshrefarch.k8s;

import static io.github.meshrefarch.k8s.ManifestHygieneTest.app;
import static io.github.meshrefarch.k8s.ManifestHygieneTest.env;
import static io.github.meshrefarch.k8s.ManifestHygieneTest.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The VPC Lattice layer signs order's calls with SigV4 (what its IAMAuthPolicies require): order calls one loopback
 * sidecar per backend, AWS's aws-sigv4-proxy, which signs for vpc-lattice-svcs and forwards to the backend's Lattice
 * name. Only that layer carries them.
 */
class LatticeSigningProxiesTest {

    static final String PROXY_IMAGE = "public.ecr.aws/aws-observability/aws-sigv4-proxy";

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, String> BACKEND_ROUTES =
            Map.of("PRODUCT_SVC_URL", "product-vr", "CUSTOMER_SVC_URL", "customer-vr");

    @Test
    void latticeOrder_callsEachBackendThroughItsOwnLoopbackSigningSidecar() {
        Rendered v1 = Rendered.of(Step.V1.lattice().orElseThrow());
        Deployment order = v1.deployment("order");
        List<Container> sidecars = podSpec(order).getInitContainers();

        assertThat(sidecars)
                .extracting(Container::getName)
                .containsExactlyInAnyOrder("sigv4-product", "sigv4-customer");
        BACKEND_ROUTES.forEach((variable, route) -> {
            URI url = URI.create(env(app(order)).get(variable));
            assertThat(url.getScheme()).as(variable).isEqualTo("http");
            assertThat(url.getHost()).as(variable).isEqualTo("127.0.0.1");
            assertThat(url.getPort()).as(variable).isPositive().isNotEqualTo(ManifestHygieneTest.SERVICE_PORT);
            assertThat(sidecars)
                    .as("the sidecar listening on %s", url)
                    .filteredOn(c -> flags(c).get("port").equals("127.0.0.1:" + url.getPort()))
                    .singleElement()
                    .satisfies(sidecar -> assertSignsForLatticeAndForwardsTo(v1, sidecar, firstHostname(v1, route)));
        });
    }

    @Test
    void latticeGateway_listensWithPlainHttpOnPort80_whereTheSidecarsForward() {
        JsonNode listener = tree(Rendered.of(Step.V1.lattice().orElseThrow())
                        .ofKind("Gateway")
                        .get(0))
                .path("spec")
                .path("listeners")
                .path(0);

        // --upstream-url-scheme=http and a --host without a port: http://<name>:80
        assertThat(listener.path("protocol").asString()).isEqualTo("HTTP");
        assertThat(listener.path("port").asInt()).isEqualTo(80);
    }

    @Test
    void signingSidecars_areInTheLatticeLayerOnly() {
        for (Step step : Step.values()) {
            List<Path> others = Stream.concat(
                            Stream.of(step.plain()),
                            Stream.of(step.eks(), step.gamma()).flatMap(java.util.Optional::stream))
                    .toList();
            for (Path directory : others) {
                assertThat(Rendered.of(directory).deployments())
                        .as(directory.toString())
                        .allSatisfy(
                                d -> assertThat(podSpec(d).getInitContainers()).isEmpty());
            }
        }
        assertThat(podSpec(Rendered.of(Step.V1.lattice().orElseThrow()).deployment("order"))
                        .getInitContainers())
                .isNotEmpty();
    }

    private static void assertSignsForLatticeAndForwardsTo(Rendered rendered, Container sidecar, String latticeName) {
        assertThat(sidecar.getImage()).matches(PROXY_IMAGE.replace(".", "\\.") + ":\\d+\\.\\d+(\\.\\d+)?");
        assertThat(sidecar.getRestartPolicy()).as("a native sidecar").isEqualTo("Always");
        assertThat(flags(sidecar))
                .containsEntry("host", latticeName)
                .containsEntry("upstream-url-scheme", "http")
                .containsEntry("name", "vpc-lattice-svcs")
                .containsEntry("region", "$(LATTICE_REGION)")
                .containsEntry("unsigned-payload", "");
        EnvVar region = sidecar.getEnv().stream()
                .filter(e -> e.getName().equals("LATTICE_REGION"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(sidecar.getName() + " has no LATTICE_REGION"));
        String configMap = region.getValueFrom().getConfigMapKeyRef().getName();
        assertThat(rendered.objects())
                .filteredOn(
                        o -> o instanceof ConfigMap && o.getMetadata().getName().equals(configMap))
                .singleElement()
                .satisfies(o -> assertThat(((ConfigMap) o)
                                .getData()
                                .get(region.getValueFrom().getConfigMapKeyRef().getKey()))
                        .as("an AWS region")
                        .matches("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d"));
    }

    /** The proxy's flags, {@code --name=value} or {@code --switch} (value ""): every argument is one. */
    private static Map<String, String> flags(Container sidecar) {
        Map<String, String> flags = new HashMap<>();
        for (String argument : sidecar.getArgs()) {
            assertThat(argument).as(sidecar.getName()).startsWith("--");
            String[] pair = argument.substring(2).split("=", 2);
            assertThat(flags.put(pair[0], pair.length == 2 ? pair[1] : ""))
                    .as(argument)
                    .isNull();
        }
        assertThat(flags).as(sidecar.getName()).containsKey("port");
        return flags;
    }

    private static String firstHostname(Rendered rendered, String route) {
        HasMetadata httpRoute = rendered.ofKind("HTTPRoute").stream()
                .filter(r -> r.getMetadata().getName().equals(route))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rendered.directory() + " has no HTTPRoute " + route));
        return tree(httpRoute).path("spec").path("hostnames").path(0).asString();
    }

    private static JsonNode tree(HasMetadata object) {
        return YAML.readTree(SERIALIZATION.asJson(object));
    }
}
