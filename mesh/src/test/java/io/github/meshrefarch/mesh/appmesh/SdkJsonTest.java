package io.github.meshrefarch.mesh.appmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.appmesh.model.UpdateRouteRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SdkJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CANARY = """
            {"meshName": "demomesh", "virtualRouterName": "product-vr", "routeName": "product-r",
             "spec": {"httpRoute": {"match": {"prefix": "/"}, "action": {"weightedTargets": [
               {"virtualNode": "product-vn", "weight": 75}, {"virtualNode": "product-v15-vn", "weight": 25}]}}}}
            """;

    @Test
    void cliInputJson_buildsTheSdkRequest_andWritesBackTheSameJson() {
        JsonNode input = JSON.readTree(CANARY);

        AppMeshCall.Prepared prepared = AppMeshCall.prepare("update-route", input);

        UpdateRouteRequest request = (UpdateRouteRequest) prepared.request();
        assertThat(request.meshName()).isEqualTo("demomesh");
        assertThat(request.spec().httpRoute().action().weightedTargets())
                .extracting(t -> t.virtualNode() + "=" + t.weight())
                .containsExactly("product-vn=75", "product-v15-vn=25");
        ObjectNode written = (ObjectNode) SdkJson.write(request);
        assertThat(written.remove("clientToken").asString())
                .as("the SDK's idempotency token")
                .isNotBlank();
        assertThat(written).isEqualTo(input);
    }

    @Test
    void operationNames_inCliOrApiSpelling_nameTheSameMethod() {
        assertThat(AppMeshCall.methodName("update-route")).isEqualTo("updateRoute");
        assertThat(AppMeshCall.methodName("UpdateRoute")).isEqualTo("updateRoute");
        assertThat(AppMeshCall.methodName("describe-virtual-node")).isEqualTo("describeVirtualNode");
    }

    @Test
    void wrongMembersAndOperations_areInvalidInput() {
        assertThatThrownBy(
                        () -> AppMeshCall.prepare(
                                "update-route",
                                JSON.readTree(
                                        "{\"spec\": {\"httpRoute\": {\"action\": {\"weightedTargets\": [{\"weight\": \"x\"}]}}}}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("request.spec.httpRoute.action.weightedTargets[0].weight must be an integer");
        assertThatThrownBy(() -> AppMeshCall.prepare("update-route", JSON.readTree("{\"spec\": {\"tcp\": {}}}")))
                .hasMessageStartingWith("unknown member request.spec.tcp (members: ");
        assertThatThrownBy(() -> AppMeshCall.prepare("close", JSON.readTree("{}")))
                .hasMessageContaining("App Mesh has no operation close");
    }
}
