package io.github.meshrefarch.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The objects one kustomization renders, with the look-ups the tests need. */
record Rendered(Path directory, List<HasMetadata> objects) {

    static Rendered of(Path directory) {
        return new Rendered(directory, Kustomize.render(directory));
    }

    List<Deployment> deployments() {
        return ofKind(Deployment.class);
    }

    List<Service> services() {
        return ofKind(Service.class);
    }

    List<ServiceAccount> serviceAccounts() {
        return ofKind(ServiceAccount.class);
    }

    List<NetworkPolicy> networkPolicies() {
        return ofKind(NetworkPolicy.class);
    }

    /** The objects of a kind fabric8's client model does not know (Gateway API, Lattice): generic resources. */
    List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
    }

    List<PodDisruptionBudget> disruptionBudgets() {
        return ofKind(PodDisruptionBudget.class);
    }

    List<Namespace> namespaces() {
        return ofKind(Namespace.class);
    }

    Deployment deployment(String name) {
        return deployments().stream()
                .filter(deployment -> deployment.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(directory + " renders no Deployment " + name));
    }

    /** The Services whose selector picks the Deployment's pods (in its namespace). */
    List<Service> servicesSelecting(Deployment deployment) {
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        return services().stream()
                .filter(service -> Objects.equals(
                        service.getMetadata().getNamespace(),
                        deployment.getMetadata().getNamespace()))
                .filter(service -> selects(service.getSpec().getSelector(), podLabels))
                .toList();
    }

    /** A Kubernetes equality-based selector: non-empty, and every pair present in the labels. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }

    /** The cluster DNS name of a Service, as App Mesh virtual nodes and the order service use it. */
    static String dnsName(Service service) {
        return service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc.cluster.local";
    }

    private <T extends HasMetadata> List<T> ofKind(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
