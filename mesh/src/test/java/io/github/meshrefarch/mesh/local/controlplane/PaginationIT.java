package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.BadRequestException;
import software.amazon.awssdk.services.appmesh.model.ListVirtualNodesResponse;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeRef;

class PaginationIT {

    @RegisterExtension
    final ControlPlaneExtension local = new ControlPlaneExtension();

    @Test
    void limitAndNextToken_walkEveryNodeOnceInNameOrder() {
        AppMeshClient client = local.client();
        client.createMesh(r -> r.meshName("paged"));
        List<String> names =
                IntStream.rangeClosed(1, 7).mapToObj(i -> "node-" + i).toList();
        for (int i = names.size() - 1; i >= 0; i--) {
            String name = names.get(i);
            client.createVirtualNode(
                    r -> r.meshName("paged").virtualNodeName(name).spec(s -> {}));
        }

        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListVirtualNodesResponse page =
                    client.listVirtualNodes(r -> r.meshName("paged").limit(3).nextToken(next));
            pageSizes.add(page.virtualNodes().size());
            page.virtualNodes().forEach(ref -> seen.add(ref.virtualNodeName()));
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(client.listVirtualNodesPaginator(r -> r.meshName("paged").limit(2))
                        .virtualNodes())
                .extracting(VirtualNodeRef::virtualNodeName)
                .containsExactlyElementsOf(names);
    }

    @Test
    void limitOutOfRangeOrForeignToken_isBadRequest() {
        AppMeshClient client = local.client();
        assertThatThrownBy(() -> client.listMeshes(r -> r.limit(0))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> client.listMeshes(r -> r.limit(101))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> client.listMeshes(r -> r.nextToken("not-a-token")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("nextToken");
        assertThat(client.listMeshes(r -> r.limit(100)).meshes()).isEmpty();
    }
}
