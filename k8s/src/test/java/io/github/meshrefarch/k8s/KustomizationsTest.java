package io.github.meshrefarch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kustomization renders, each step holds exactly its workloads, and the mesh layer adds only mesh wiring. */
class KustomizationsTest {

    private static final String APP_MESH_PREFIX = "appmesh.k8s.aws/";

    static Stream<Path> buildable() {
        return Kustomizations.buildable().stream();
    }

    @ParameterizedTest
    @MethodSource("buildable")
    void everyKustomization_rendersNamedObjectsInTheDefaultNamespace(Path directory) {
        List<HasMetadata> objects = Kustomize.render(directory);

        assertThat(objects).isNotEmpty();
        assertThat(objects).allSatisfy(object -> {
            assertThat(object.getMetadata().getName()).isNotBlank();
            if (!(object instanceof Namespace)) {
                // The DNS names in the mesh and in order's backend URLs name the default namespace.
                assertThat(object.getMetadata().getNamespace())
                        .as("%s %s", object.getKind(), object.getMetadata().getName())
                        .isEqualTo("default");
            }
        });
    }

    @Test
    void kustomizations_areTheBasesTheStepsAndTheirMeshOverlays() {
        Path k8s = ProjectLayout.k8s();
        Stream<Path> bases =
                Stream.of(Workload.values()).map(w -> k8s.resolve("base").resolve(w.deployment()));
        Stream<Path> steps = Stream.of(Step.values())
                .flatMap(step -> Stream.concat(Stream.of(step.plain()), step.overlays().stream()));

        assertThat(Kustomizations.buildable())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(bases, steps).toList());
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void step_rendersADeploymentAServiceADisruptionBudgetAndAServiceAccountPerWorkload(Step step) {
        Rendered rendered = Rendered.of(step.plain());
        List<String> names = step.workloads().stream().map(Workload::deployment).toList();

        assertThat(rendered.deployments())
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(rendered.services())
                .extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(rendered.disruptionBudgets())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(rendered.serviceAccounts())
                .extracting(a -> a.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(rendered.objects()).hasSize(4 * names.size());
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void plainStep_carriesNoMeshWiring(Step step) {
        Rendered rendered = Rendered.of(step.plain());

        assertThat(rendered.namespaces()).isEmpty();
        assertThat(rendered.deployments())
                .allSatisfy(deployment -> assertThat(podAnnotations(deployment))
                        .as(deployment.getMetadata().getName())
                        .doesNotContainKeys(APP_MESH_PREFIX + "mesh", APP_MESH_PREFIX + "virtualNode"));
    }

    @ParameterizedTest
    @EnumSource(
            value = Step.class,
            names = {"ALL"},
            mode = EnumSource.Mode.EXCLUDE)
    void eksOverlay_isThePlainStepPlusNamespaceLabelAndPodAnnotations(Step step) {
        Rendered plain = Rendered.of(step.plain());
        Rendered eks = Rendered.of(step.eks().orElseThrow());

        assertThat(eks.namespaces()).singleElement().satisfies(namespace -> {
            assertThat(namespace.getMetadata().getName()).isEqualTo("default");
            assertThat(namespace.getMetadata().getLabels())
                    .containsEntry("appmesh.k8s.aws/sidecarInjectorWebhook", "enabled");
        });
        assertThat(eks.services()).containsExactlyInAnyOrderElementsOf(plain.services());
        assertThat(eks.serviceAccounts()).containsExactlyInAnyOrderElementsOf(plain.serviceAccounts());
        assertThat(eks.disruptionBudgets()).containsExactlyInAnyOrderElementsOf(plain.disruptionBudgets());
        assertThat(eks.deployments()).hasSameSizeAs(plain.deployments()).allSatisfy(deployment -> {
            String name = deployment.getMetadata().getName();
            assertThat(podAnnotations(deployment))
                    .containsKeys(APP_MESH_PREFIX + "mesh", APP_MESH_PREFIX + "virtualNode");
            assertThat(withoutMeshAnnotations(deployment)).isEqualTo(plain.deployment(name));
        });
    }

    static Map<String, String> podAnnotations(Deployment deployment) {
        Map<String, String> annotations =
                deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static Deployment withoutMeshAnnotations(Deployment deployment) {
        Map<String, String> remaining = new HashMap<>(podAnnotations(deployment));
        remaining.keySet().removeIf(key -> key.startsWith(APP_MESH_PREFIX));
        Deployment copy = new KubernetesSerialization().clone(deployment);
        copy.getSpec().getTemplate().getMetadata().setAnnotations(remaining);
        return copy;
    }
}
