package io.github.meshrefarch.mesh.local.dataplane;

import static io.github.meshrefarch.mesh.local.dataplane.Routes.PRODUCT;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.route;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.target;
import static io.github.meshrefarch.mesh.local.dataplane.Routes.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.routetable.HttpRouteRule;
import io.github.meshrefarch.mesh.local.routetable.VirtualServiceRoutes;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {

    private final VirtualServiceRoutes routes =
            virtualService(PRODUCT, route("/v2/", target("product-v2", 100)), route("/", target("product", 100)));

    @Test
    void match_firstRouteInTableOrderWhosePrefixStartsThePath() {
        assertThat(matched("/v2/items")).isEqualTo("route-/v2/");
        assertThat(matched("/v2/")).isEqualTo("route-/v2/");
        assertThat(matched("/v2")).isEqualTo("route-/");
        assertThat(matched("/")).isEqualTo("route-/");
        assertThat(matched("/items?page=2")).isEqualTo("route-/");
    }

    @Test
    void match_isCaseSensitive_andPlainPrefix() {
        VirtualServiceRoutes api = virtualService(PRODUCT, route("/api", target("product", 100)));
        assertThat(RouteMatcher.match(api, "/apis")).isPresent();
        assertThat(RouteMatcher.match(api, "/API")).isEmpty();
        assertThat(RouteMatcher.match(api, "/")).isEmpty();
    }

    private String matched(String requestTarget) {
        return RouteMatcher.match(routes, requestTarget)
                .map(HttpRouteRule::routeName)
                .orElseThrow();
    }
}
