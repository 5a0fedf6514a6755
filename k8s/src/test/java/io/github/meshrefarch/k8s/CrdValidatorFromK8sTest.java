package io.github.meshrefarch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.meshrefarch.mesh.gatewayapi.schema.CrdValidator;
import org.junit.jupiter.api.Test;

/** The CRD validator of mesh's test-jar works here on fabric8 objects, as the rendered kustomizations are. */
class CrdValidatorFromK8sTest {

    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: product-vr
            spec:
              parentRefs:
                - name: demomesh
                  sectionName: http
              rules:
                - backendRefs:
                    - name: product
                      port: 8080
                      weight: %d
            """;

    @Test
    void fabric8Object_isValidatedAsTheApiServerWouldReceiveIt() {
        HasMetadata good = new KubernetesSerialization().unmarshal(ROUTE.formatted(75));
        HasMetadata bad = new KubernetesSerialization().unmarshal(ROUTE.formatted(2_000_000));

        assertThat(CrdValidator.standard().covers(good)).isTrue();
        assertThat(CrdValidator.standard().violations(good)).isEmpty();
        assertThat(CrdValidator.standard().violations(bad))
                .containsExactly("spec.rules[0].backendRefs[0].weight: must have a maximum value of 1000000 (maximum)");
    }
}
