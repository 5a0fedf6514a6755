package io.github.meshrefarch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import org.junit.jupiter.api.Test;

class RestrictedPodSecurityTest {

    @Test
    void compliantPod_hasNoViolations() {
        assertThat(RestrictedPodSecurity.violations(compliant().build())).isEmpty();
    }

    @Test
    void containerContextOverridesThePods_soARootContainerIsReported() {
        PodSpec pod = compliant()
                .editFirstContainer()
                .editSecurityContext()
                .withRunAsNonRoot(false)
                .withRunAsUser(0L)
                .endSecurityContext()
                .endContainer()
                .build();

        assertThat(RestrictedPodSecurity.violations(pod))
                .containsExactlyInAnyOrder("container app: runAsNonRoot must be true", "container app: runs as user 0");
    }

    @Test
    void missingHardening_isReportedRuleByRule() {
        PodSpec pod = compliant()
                .withHostNetwork(true)
                .editSecurityContext()
                .withSeccompProfile(null)
                .endSecurityContext()
                .editFirstContainer()
                .editSecurityContext()
                .withAllowPrivilegeEscalation(true)
                .withReadOnlyRootFilesystem(false)
                .editCapabilities()
                .withDrop()
                .endCapabilities()
                .endSecurityContext()
                .withVolumeMounts()
                .endContainer()
                .addNewVolume()
                .withName("host")
                .withNewHostPath("/var/run", null)
                .endVolume()
                .build();

        assertThat(RestrictedPodSecurity.violations(pod))
                .containsExactlyInAnyOrder(
                        "pod shares a host namespace",
                        "volume host is of a type the restricted profile does not allow",
                        "container app: allowPrivilegeEscalation must be false",
                        "container app: seccompProfile must be RuntimeDefault or Localhost",
                        "container app: capabilities must drop ALL",
                        "container app: readOnlyRootFilesystem must be true",
                        "container app: needs an emptyDir mounted on /tmp (the root file system is read-only)");
    }

    private static PodSpecBuilder compliant() {
        return new PodSpecBuilder()
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("app")
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("tmp")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume();
    }
}
