package io.github.meshrefarch.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kubernetes Pod Security Standards "restricted" profile (the checks of the baseline profile that manifests can
 * get wrong, plus those of restricted), applied as the admission controller does: a container's own security context
 * wins over the pod's. Adds this project's rule: a read-only root file system with an emptyDir on {@code /tmp}.
 */
final class RestrictedPodSecurity {

    private static final Set<String> RESTRICTED_VOLUME_TYPES = Set.of(
            "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private RestrictedPodSecurity() {}

    /** Each broken rule as one sentence; empty when the pod is admitted under "restricted". */
    static List<String> violations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podContext =
                Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (Boolean.TRUE.equals(pod.getHostNetwork())
                || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("pod shares a host namespace");
        }
        if (podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
            violations.add("pod runs as user 0");
        }
        for (Volume volume : pod.getVolumes()) {
            if (!RESTRICTED_VOLUME_TYPES.contains(volumeType(volume))) {
                violations.add("volume " + volume.getName() + " is of a type the restricted profile does not allow");
            }
        }
        Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
                .forEach(container -> violations.addAll(violations(container, podContext, pod)));
        return violations;
    }

    private static List<String> violations(Container container, PodSecurityContext podContext, PodSpec pod) {
        List<String> violations = new ArrayList<>();
        String name = "container " + container.getName() + ": ";
        SecurityContext context =
                Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            violations.add(name + "privileged");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            violations.add(name + "allowPrivilegeEscalation must be false");
        }
        Boolean runAsNonRoot =
                context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            violations.add(name + "runAsNonRoot must be true");
        }
        if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
            violations.add(name + "runs as user 0");
        }
        SeccompProfile seccomp =
                context.getSeccompProfile() != null ? context.getSeccompProfile() : podContext.getSeccompProfile();
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            violations.add(name + "seccompProfile must be RuntimeDefault or Localhost");
        }
        if (context.getCapabilities() == null
                || !context.getCapabilities().getDrop().contains("ALL")) {
            violations.add(name + "capabilities must drop ALL");
        } else if (!Set.of("NET_BIND_SERVICE")
                .containsAll(context.getCapabilities().getAdd())) {
            violations.add(name + "may add no capability but NET_BIND_SERVICE");
        }
        if (container.getPorts().stream().anyMatch(port -> port.getHostPort() != null && port.getHostPort() != 0)) {
            violations.add(name + "uses a host port");
        }
        violations.addAll(fileSystemViolations(container, context, pod, name));
        return violations;
    }

    private static List<String> fileSystemViolations(
            Container container, SecurityContext context, PodSpec pod, String name) {
        List<String> violations = new ArrayList<>();
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            violations.add(name + "readOnlyRootFilesystem must be true");
        }
        boolean writableTmp = container.getVolumeMounts().stream()
                .anyMatch(mount -> mount.getMountPath().equals("/tmp") && isEmptyDir(pod, mount.getName()));
        if (!writableTmp) {
            violations.add(name + "needs an emptyDir mounted on /tmp (the root file system is read-only)");
        }
        return violations;
    }

    private static boolean isEmptyDir(PodSpec pod, String volumeName) {
        return pod.getVolumes().stream()
                .anyMatch(volume -> volume.getName().equals(volumeName) && volume.getEmptyDir() != null);
    }

    private static String volumeType(Volume volume) {
        if (volume.getConfigMap() != null) return "configMap";
        if (volume.getCsi() != null) return "csi";
        if (volume.getDownwardAPI() != null) return "downwardAPI";
        if (volume.getEmptyDir() != null) return "emptyDir";
        if (volume.getEphemeral() != null) return "ephemeral";
        if (volume.getPersistentVolumeClaim() != null) return "persistentVolumeClaim";
        if (volume.getProjected() != null) return "projected";
        if (volume.getSecret() != null) return "secret";
        return "other";
    }
}
