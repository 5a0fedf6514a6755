package io.github.meshrefarch.mesh.gatewayapi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the validator evaluates CEL rules, on a CRD written for it ({@code crd-validator/widgets.example.com.yaml}):
 * at the node that carries the rule, in every array item and map value, over escaped property names, after defaults,
 * and naming every rule it cannot evaluate.
 */
class CrdValidatorRulesTest {

    private static final CrdValidator WIDGETS = CrdValidator.of(List.of("crd-validator/widgets.example.com.yaml"));

    private static String widget(String spec) {
        return "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n" + spec.indent(2);
    }

    @Test
    void validWidget_passes() {
        String spec = """
                maxReplicas: 3
                endpoints:
                  - name: a
                    url: https://example.com/a
                  - name: b
                    url: /b
                labels:
                  app: front
                scope:
                  namespace: shop
                  home-page: https://example.com/shop
                size: 50%
                note: null
                """;

        assertThat(WIDGETS.violations(widget(spec))).isEmpty();
    }

    @Test
    void ruleAtTheObject_seesDefaultsAndUsesItsMessageExpression() {
        assertThat(WIDGETS.violations(widget("maxReplicas: 0")))
                .containsExactly(
                        "spec: minReplicas 1 is above maxReplicas 0 (rule: self.minReplicas <= self.maxReplicas)");
    }

    @Test
    void rulesInArrayItemsAndMapValues_runForEachElementAtItsPath() {
        String spec = """
                maxReplicas: 3
                endpoints:
                  - name: a
                    url: https://example.com/a
                  - name: b
                    url: "::not a url"
                labels:
                  app: toolong
                  team: x
                """;

        assertThat(WIDGETS.violations(widget(spec)))
                .containsExactlyInAnyOrder(
                        "spec.endpoints[1]: url must be an absolute URL or path (rule: isURL(self.url))",
                        "spec.labels: label keys start with app (rule: self.all(key, key.startsWith('app')))",
                        "spec.labels.app: a label value has at most 5 characters (rule: self.size() <= 5)");
    }

    @Test
    void reservedAndDashedPropertyNames_areEscapedAsKubernetesDoes() {
        String spec = "maxReplicas: 1\nscope:\n  namespace: shop\n  home-page: https://example.com/other\n";

        assertThat(WIDGETS.violations(widget(spec)))
                .singleElement()
                .asString()
                .startsWith("spec.scope: home-page ends with the namespace (rule: ");
        assertThat(CelValues.escape("namespace")).isEqualTo("__namespace__");
        assertThat(CelValues.escape("a.b-c/d__e")).isEqualTo("a__dot__b__dash__c__slash__d__underscores__e");
        assertThat(CelValues.escape("with space")).isNull();
    }

    @Test
    void structuralChecks_unknownFieldsListTypesAndNonNullableNulls() {
        String spec = """
                maxReplicas: 1
                ports: [80, 80]
                endpoints:
                  - name: a
                  - name: a
                scope: null
                extra: true
                """;

        assertThat(WIDGETS.violations(widget(spec)))
                .containsExactlyInAnyOrder(
                        "spec.ports[1]: Duplicate value: 80 (x-kubernetes-list-type: set, same as spec.ports[0])",
                        "spec.endpoints[1]: Duplicate value: {\"name\":\"a\"} (x-kubernetes-list-type: map, same as "
                                + "spec.endpoints[0])",
                        "spec.extra: unknown field \"extra\" (strict field validation)",
                        "spec.endpoints[0]: rule could not be evaluated: evaluation error at <input>:10: key 'url' is "
                                + "not present in map. (rule: isURL(self.url))",
                        "spec.endpoints[1]: rule could not be evaluated: evaluation error at <input>:10: key 'url' is "
                                + "not present in map. (rule: isURL(self.url))");
    }

    @Test
    void wrongType_isReportedByTheSchemaAndNoRuleRunsOnIt() {
        assertThat(WIDGETS.violations(widget("maxReplicas: 1\nlabels: [app]")))
                .containsExactly("spec.labels: array found, object expected (type)");
    }

    @Test
    void rulesThatCannotBeEvaluated_areNamedWithTheReason() {
        assertThat(WIDGETS.unevaluatedRules())
                .containsExactlyInAnyOrder(
                        "Widget/v1 spec: self.minReplicas >= oldSelf.minReplicas -- transition rule: needs oldSelf, "
                                + "the object before an update",
                        "Widget/v1 spec: !has(self.ports) || self.ports.isSorted() -- does not compile here: "
                                + "ERROR: <input>:1:40: undeclared reference to 'isSorted' (in container '')",
                        "Widget/v1 spec.size: self.endsWith('%') -- under a schema combinator: not visited");
    }
}
