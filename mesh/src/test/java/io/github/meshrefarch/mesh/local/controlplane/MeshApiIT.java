package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.appmesh.model.EgressFilterType;
import software.amazon.awssdk.services.appmesh.model.MeshData;
import software.amazon.awssdk.services.appmesh.model.MeshStatusCode;

class MeshApiIT {

    @RegisterExtension
    final ControlPlaneExtension local = new ControlPlaneExtension();

    @Test
    void createMesh_returnsAppMeshMetadata() {
        MeshData mesh = local.client().createMesh(r -> r.meshName("demomesh")).mesh();

        assertThat(mesh.meshName()).isEqualTo("demomesh");
        assertThat(mesh.metadata().arn()).isEqualTo("arn:aws:appmesh:us-west-2:111122223333:mesh/demomesh");
        assertThat(mesh.metadata().version()).isEqualTo(1L);
        assertThat(mesh.metadata().meshOwner()).isEqualTo(LocalControlPlane.ACCOUNT_ID);
        assertThat(mesh.metadata().uid()).isNotBlank();
        assertThat(mesh.metadata().createdAt()).isNotNull();
        assertThat(mesh.spec().egressFilter().type()).isEqualTo(EgressFilterType.DROP_ALL);
        assertThat(mesh.status().status()).isEqualTo(MeshStatusCode.ACTIVE);
        assertThat(local.client().describeMesh(r -> r.meshName("demomesh")).mesh())
                .isEqualTo(mesh);
    }
}
