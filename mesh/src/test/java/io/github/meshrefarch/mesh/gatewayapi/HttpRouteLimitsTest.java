package io.github.meshrefarch.mesh.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.VirtualNode;
import io.github.meshrefarch.mesh.model.VirtualRouter;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpRouteLimitsTest {

    private static final ParentStyle GAMMA = ParentStyle.SERVICE;
    private static final ParentStyle LATTICE = ParentStyle.parse("gateway");

    private final MeshDescription demo = DescriptionReader.readDescription(Path.of("demomesh.yaml"));

    @Test
    void theWalkthroughMesh_breaksNoLimit_inEitherStyle() {
        assertThat(HttpRouteLimits.problems(demo, GAMMA)).isEmpty();
        assertThat(HttpRouteLimits.problems(demo, LATTICE)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "shop, must be an absolute path and start with '/'",
        "/a//b, must not contain '//'",
        "/a/./b, must not contain '/./'",
        "/a/../b, must not contain '/../'",
        "/a%2fb, must not contain '%2f'",
        "/a%2Fb, must not contain '%2F'",
        "/a#b, must not contain '#'",
        "/a/., must not end with '/.'",
        "/a/.., must not end with '/..'",
        "/a b, must only contain valid characters"
    })
    void pathProblems_followTheCrdsCelRules(String path, String problem) {
        assertThat(HttpRouteLimits.pathProblems(path))
                .anySatisfy(p -> assertThat(p).startsWith(problem));
    }

    @Test
    void pathProblems_acceptOrdinaryPrefixes() {
        assertThat(HttpRouteLimits.pathProblems("/")).isEmpty();
        assertThat(HttpRouteLimits.pathProblems("/api/v1.5/orders~x%20y")).isEmpty();
        assertThat(HttpRouteLimits.pathProblems("/" + "a".repeat(1024))).contains("is longer than 1024 characters");
    }

    @Test
    void aRouterWithMoreThan16Routes_orNone_cannotBeAnHttpRoute() {
        List<Route> routes = new ArrayList<>(demo.routes());
        IntStream.rangeClosed(1, 16)
                .forEach(i -> routes.add(new Route(
                        "extra-" + i,
                        "product-vr",
                        "/extra-" + i,
                        List.of(new WeightedTarget("product-vn", 100)),
                        null)));
        List<VirtualRouter> routers = new ArrayList<>(demo.virtualRouters());
        routers.add(new VirtualRouter("lonely-vr", null));
        MeshDescription mesh =
                new MeshDescription("demomesh", demo.virtualNodes(), routers, routes, demo.virtualServices());

        assertThat(HttpRouteLimits.problems(mesh, GAMMA))
                .contains(
                        "virtual router product-vr has 17 routes; an HTTPRoute needs 1 to 16 rules",
                        "virtual router lonely-vr has 0 routes; an HTTPRoute needs 1 to 16 rules");
    }

    @Test
    void names_mustBeWhatKubernetesAccepts() {
        List<VirtualNode> nodes = new ArrayList<>(demo.virtualNodes());
        nodes.add(new VirtualNode("v2_node", "Product_V2.default.svc.cluster.local", null, null));
        nodes.add(new VirtualNode("twin-vn", "product.other.svc.cluster.local", null, null));
        List<VirtualRouter> routers = new ArrayList<>(demo.virtualRouters());
        routers.add(new VirtualRouter("Upper-VR", null));
        List<Route> routes = new ArrayList<>(demo.routes());
        routes.add(new Route("Rule_1", "Upper-VR", "/", List.of(new WeightedTarget("product-vn", 100)), null));
        MeshDescription mesh = new MeshDescription("demomesh", nodes, routers, routes, demo.virtualServices());

        assertThat(HttpRouteLimits.problems(mesh, GAMMA))
                .anySatisfy(p ->
                        assertThat(p).startsWith("virtual node v2_node: Service name Product_V2 is not a DNS label"))
                .anySatisfy(p ->
                        assertThat(p).isEqualTo("virtual nodes product-vn and twin-vn would share the Service product"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("virtual router Upper-VR (the HTTPRoute's name) is not a DNS subdomain"))
                .anySatisfy(p ->
                        assertThat(p).startsWith("route Upper-VR/Rule_1 (the rule's name) is not a DNS subdomain"));
    }

    @Test
    void lattice_allowsTenTargetsAndWeightsUpTo999_gammaSixteenAndAMillion() {
        List<WeightedTarget> eleven = IntStream.rangeClosed(1, 11)
                .mapToObj(i -> new WeightedTarget("product-vn", 1000))
                .toList();
        MeshDescription mesh = demo.overlay(new MeshDescription(
                null, null, null, List.of(new Route("product-r", "product-vr", "/", eleven, null)), null));

        assertThat(HttpRouteLimits.problems(mesh, LATTICE))
                .contains(
                        "route product-vr/product-r has 11 weighted targets; at most 10 on VPC Lattice",
                        "route product-vr/product-r: weight 1000 of product-vn is outside 0..999 (VPC Lattice)");
        assertThat(HttpRouteLimits.problems(mesh, GAMMA)).isEmpty();
    }

    @Test
    void lattice_virtualServiceNameIsTheRoutesHostname_gammaItsFirstLabelIsTheParentService() {
        MeshDescription mesh = demo.overlay(new MeshDescription(
                null,
                null,
                null,
                null,
                List.of(new io.github.meshrefarch.mesh.model.VirtualService("Product.local", "product-vr"))));

        assertThat(HttpRouteLimits.problems(mesh, LATTICE))
                .anySatisfy(p -> assertThat(p).startsWith("virtual service Product.local (the route's hostname)"));
        assertThat(HttpRouteLimits.problems(mesh, GAMMA))
                .anySatisfy(
                        p -> assertThat(p).startsWith("virtual service Product.local: parent Service name Product"));
    }
}
