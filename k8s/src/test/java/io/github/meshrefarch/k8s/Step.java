package io.github.meshrefarch.k8s;

import static io.github.meshrefarch.k8s.Workload.CUSTOMER;
import static io.github.meshrefarch.k8s.Workload.ORDER;
import static io.github.meshrefarch.k8s.Workload.PRODUCT;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code kubectl apply -k} (or, for {@link #ALL}, {@code kubectl delete -k}) per script of the original
 * walkthrough: the mesh-free kustomization under {@code k8s/steps/} and its App Mesh overlay under {@code k8s/eks/}.
 */
enum Step {
    V1("v1", "deploy_v1.sh", EnumSet.of(PRODUCT, CUSTOMER, ORDER)),
    PRODUCT_V15("product-v15", "deploy_product_v15.sh", EnumSet.of(Workload.PRODUCT_V15)),
    CUSTOMER_V2("customer-v2", "deploy_customer_v2.sh", EnumSet.of(Workload.CUSTOMER_V2)),
    ALL("all", "delete_all.sh", EnumSet.allOf(Workload.class));

    private final String directory;
    private final String originalScript;
    private final Set<Workload> workloads;

    Step(String directory, String originalScript, Set<Workload> workloads) {
        this.directory = directory;
        this.originalScript = originalScript;
        this.workloads = workloads;
    }

    Path plain() {
        return ProjectLayout.k8s().resolve("steps").resolve(directory);
    }

    /** The GAMMA overlay (Istio, Linkerd, Cilium); teardown has none. */
    Optional<Path> gamma() {
        return overlay("gamma");
    }

    /** The VPC Lattice overlay (EKS with the AWS Gateway API Controller); teardown has none. */
    Optional<Path> lattice() {
        return overlay("lattice");
    }

    /** Every overlay of this step: App Mesh (retired), GAMMA and VPC Lattice. */
    java.util.List<Path> overlays() {
        return java.util.stream.Stream.of(eks(), gamma(), lattice())
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<Path> overlay(String layer) {
        return this == ALL
                ? Optional.empty()
                : Optional.of(ProjectLayout.k8s().resolve(layer).resolve(directory));
    }

    /** The App Mesh overlay (retired with App Mesh); teardown has none, deleting by name needs no mesh wiring. */
    Optional<Path> eks() {
        return this == ALL
                ? Optional.empty()
                : Optional.of(ProjectLayout.k8s().resolve("eks").resolve(directory));
    }

    String originalScript() {
        return originalScript;
    }

    Set<Workload> workloads() {
        return workloads;
    }

    @Override
    public String toString() {
        return originalScript;
    }
}
