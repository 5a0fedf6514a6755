package io.github.meshrefarch.mesh.gatewayapi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The validator on the upstream Gateway API and Lattice CRDs: known-good objects pass, known-bad ones are caught. */
class CrdValidatorTest {

    private static final CrdValidator VALIDATOR = CrdValidator.standard();

    /** The walkthrough's step 03 route as meshctl writes it (GAMMA parent), with the given rule body. */
    private static String route(String parentRefs, String rule) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: product-vr
                  annotations:
                    meshrefarch.github.io/virtual-service: product.default.svc.cluster.local
                spec:
                  parentRefs:
                %s
                  rules:
                    - name: product-r
                %s
                """.formatted(
                        parentRefs.indent(4).stripTrailing(), rule.indent(6).stripTrailing());
    }

    private static final String SERVICE_PARENT = """
            - group: ""
              kind: Service
              name: product
              port: 8080""";

    private static final String WEIGHTED = """
            matches:
              - path:
                  type: PathPrefix
                  value: /
            backendRefs:
              - group: ""
                kind: Service
                name: product
                port: 8080
                weight: 75
              - group: ""
                kind: Service
                name: product-v15
                port: 8080
                weight: 25""";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "my-hotel-gateway.yaml",
                "inventory-route.yaml",
                "inventory-route-bluegreen.yaml",
                "inventory-ver2-export.yaml",
                "inventory-ver2-import.yaml"
            })
    void upstreamLatticeExamples_pass(String example) throws IOException {
        assertThat(VALIDATOR.violations(resource("gateway-api/lattice/examples/" + example)))
                .isEmpty();
    }

    @Test
    void walkthroughRoute_passesWithAServiceParentAndWithAGatewayParent() {
        String gatewayParent = """
                - group: gateway.networking.k8s.io
                  kind: Gateway
                  name: demomesh
                  sectionName: http""";

        assertThat(VALIDATOR.violations(route(SERVICE_PARENT, WEIGHTED))).isEmpty();
        assertThat(VALIDATOR.violations(
                        route(gatewayParent, WEIGHTED) + "  hostnames: [product.default.svc.cluster.local]"))
                .isEmpty();
    }

    @Test
    void sameRouteAsMapAndAsJson_givesTheSameViolations() {
        String bad = route(SERVICE_PARENT, WEIGHTED.replace("weight: 75", "weight: -1"));
        Object map = YAMLMapper.builder().build().readValue(bad, LinkedHashMap.class);
        String json = JsonMapper.builder().build().writeValueAsString(map);

        assertThat(VALIDATOR.violations(bad))
                .containsExactly("spec.rules[0].backendRefs[0].weight: must have a minimum value of 0 (minimum)");
        assertThat(VALIDATOR.violations(map)).isEqualTo(VALIDATOR.violations(bad));
        assertThat(VALIDATOR.violations(json)).isEqualTo(VALIDATOR.violations(bad));
    }

    @Test
    void weightAboveOneMillion_isCaughtByTheOpenApiSchema() {
        String bad = route(SERVICE_PARENT, WEIGHTED.replace("weight: 75", "weight: 1000001"));

        assertThat(VALIDATOR.violations(bad))
                .containsExactly("spec.rules[0].backendRefs[0].weight: must have a maximum value of 1000000 (maximum)");
    }

    @Test
    void seventeenBackendRefs_areOneTooMany() {
        String refs = IntStream.range(0, 17)
                .mapToObj(i -> "  - name: product-%d\n    port: 8080\n".formatted(i))
                .collect(Collectors.joining("", "backendRefs:\n", ""));

        assertThat(VALIDATOR.violations(route(SERVICE_PARENT, refs)))
                .containsExactly("spec.rules[0].backendRefs: must have at most 16 items but found 17 (maxItems)");
    }

    @Test
    void serviceBackendRefWithoutPort_isCaughtByCelAfterDefaulting() {
        // group and kind are absent: their defaults ("" and Service) apply before the rule runs, as on the server
        String bad = route(SERVICE_PARENT, "backendRefs:\n  - name: product\n    weight: 1");

        assertThat(VALIDATOR.violations(bad))
                .containsExactly("spec.rules[0].backendRefs[0]: Must have port for Service reference (rule: "
                        + "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true)");
    }

    @Test
    void pathWithDoubleSlash_isCaughtInsideTheMatchesArray() {
        String bad = route(SERVICE_PARENT, WEIGHTED.replace("value: /", "value: /a//b"));

        assertThat(VALIDATOR.violations(bad))
                .singleElement()
                .asString()
                .startsWith("spec.rules[0].matches[0].path: must not contain '//' when type one of ['Exact', "
                        + "'PathPrefix'] (rule: ");
    }

    @Test
    void sameParentTwice_needsAUniqueSectionNameOnEach() {
        String gateway = "- name: demomesh\n  sectionName: http\n";
        String twice = route(gateway + "- name: demomesh", WEIGHTED);
        String same = route(gateway + gateway.stripTrailing(), WEIGHTED);

        assertThat(VALIDATOR.violations(twice))
                .singleElement()
                .asString()
                .startsWith("spec.parentRefs: sectionName must be specified when parentRefs includes 2 or more "
                        + "references to the same parent");
        assertThat(VALIDATOR.violations(same))
                .singleElement()
                .asString()
                .startsWith("spec.parentRefs: sectionName must be unique when parentRefs includes 2 or more "
                        + "references to the same parent");
    }

    @Test
    void backendRequestTimeoutAboveRequestTimeout_isCaughtWithCelDurations() {
        String timeouts = "\ntimeouts:\n  request: 1s\n  backendRequest: 1500ms";

        assertThat(VALIDATOR.violations(route(SERVICE_PARENT, WEIGHTED + timeouts)))
                .singleElement()
                .asString()
                .startsWith("spec.rules[0].timeouts: backendRequest timeout cannot be longer than request timeout");
        assertThat(VALIDATOR.violations(route(SERVICE_PARENT, WEIGHTED + timeouts.replace("1500ms", "900ms"))))
                .isEmpty();
        // As on the API server, a malformed duration fails the pattern and makes the CEL rule's duration() fail.
        assertThat(VALIDATOR.violations(route(SERVICE_PARENT, WEIGHTED + timeouts.replace("1s", "1 s"))))
                .satisfiesExactly(
                        pattern -> assertThat(pattern)
                                .startsWith("spec.rules[0].timeouts.request: does not match the regex pattern"),
                        rule -> assertThat(rule)
                                .startsWith("spec.rules[0].timeouts: rule could not be evaluated: ")
                                .contains("invalid duration format"));
    }

    @Test
    void moreThan128MatchesOverAllRules_isCaughtByTheSummingRule() {
        String matches = IntStream.range(0, 43)
                .mapToObj(i -> "  - path:\n      value: /p%d\n".formatted(i))
                .collect(Collectors.joining("", "matches:\n", "backendRefs:\n  - name: product\n    port: 8080"));
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rules.add("  - name: r" + i + "\n" + matches.indent(4).stripTrailing());
        }
        String bad =
                route(SERVICE_PARENT, WEIGHTED).replaceAll("(?s)  rules:.*", "  rules:\n" + String.join("\n", rules));

        assertThat(VALIDATOR.violations(bad))
                .singleElement()
                .asString()
                .startsWith("spec.rules: While 16 rules and 64 matches per rule are allowed, the total number of "
                        + "matches across all rules in a route must be less than 128");
    }

    @Test
    void unknownFieldsAndDuplicateListeners_areReportedAsTheServerWould() {
        String gateway = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: demomesh
                spec:
                  gatewayClassName: amazon-vpc-lattice
                  listeners:
                    - name: http
                      protocol: HTTP
                      port: 80
                    - name: http
                      protocol: HTTP
                      port: 8080
                      hostname: product.example.com
                      tls:
                        mode: Passthrough
                  colour: blue
                """;

        assertThat(VALIDATOR.violations(gateway))
                .containsExactlyInAnyOrder(
                        "spec.colour: unknown field \"colour\" (strict field validation)",
                        "spec.listeners[1]: Duplicate value: {\"name\":\"http\"} (x-kubernetes-list-type: map, "
                                + "same as spec.listeners[0])",
                        "spec.listeners: tls must not be specified for protocols ['HTTP', 'TCP', 'UDP'] (rule: "
                                + "self.all(l, l.protocol in ['HTTP', 'TCP', 'UDP'] ? !has(l.tls) : true))",
                        "spec.listeners: Listener name must be unique within the Gateway (rule: "
                                + "self.all(l1, self.exists_one(l2, l1.name == l2.name)))");
    }

    @Test
    void latticePolicies_areCheckedAgainstTheirCrds() {
        String policy = """
                apiVersion: application-networking.k8s.aws/v1alpha1
                kind: TargetGroupPolicy
                metadata:
                  name: product
                spec:
                  targetRef:
                    group: ""
                    kind: Service
                    name: product
                  healthCheck:
                    intervalSeconds: 2
                    path: /actuator/health/readiness
                """;

        assertThat(VALIDATOR.violations(policy))
                .containsExactly("spec.healthCheck.intervalSeconds: must have a minimum value of 5 (minimum)");
    }

    @Test
    void objectOfAKindWithoutCrd_isNotPassedSilently() {
        String service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: product\n";

        assertThat(VALIDATOR.covers(service)).isFalse();
        assertThat(VALIDATOR.violations(service)).containsExactly("apiVersion/kind: no CRD here serves Service in v1");
        assertThat(VALIDATOR.covers(route(SERVICE_PARENT, WEIGHTED))).isTrue();
    }

    @Test
    void upstreamCrds_haveOnlyTheirTransitionRulesUnevaluated() {
        assertThat(VALIDATOR.unevaluatedRules())
                .containsExactlyInAnyOrder(
                        "GatewayClass/v1 spec.controllerName: self == oldSelf -- transition rule: needs oldSelf, the "
                                + "object before an update",
                        "GatewayClass/v1beta1 spec.controllerName: self == oldSelf -- transition rule: needs "
                                + "oldSelf, the object before an update");
    }

    @Test
    void yamlStream_namesTheObjectOfEachViolation() throws IOException {
        String stream = resource("gateway-api/lattice/examples/my-hotel-gateway.yaml") + "\n---\n"
                + route(SERVICE_PARENT, WEIGHTED.replace("weight: 25", "weight: 1000001"));

        assertThat(VALIDATOR.violationsOfStream(stream))
                .containsExactly("HTTPRoute product-vr: spec.rules[0].backendRefs[1].weight: must have a maximum "
                        + "value of 1000000 (maximum)");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = CrdValidatorTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
