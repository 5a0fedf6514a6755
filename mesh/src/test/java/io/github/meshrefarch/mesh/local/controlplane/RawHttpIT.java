package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a client other than the SDK sees on the wire: status codes, error headers and bodies, unsigned requests. */
class RawHttpIT {

    @RegisterExtension
    final ControlPlaneExtension local = new ControlPlaneExtension();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void error_carriesTheErrorTypeHeaderAndAJsonMessage() throws Exception {
        HttpResponse<String> response = send("GET", "/v20190125/meshes/absent", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body())
                .isEqualTo("{\"message\":\"Mesh with name absent is not present for account "
                        + LocalControlPlane.ACCOUNT_ID + "\"}");
    }

    @Test
    void unsignedCreate_usesTheDefaultRegionInTheArn() throws Exception {
        HttpResponse<String> response = send("PUT", "/v20190125/meshes", "{\"meshName\":\"plain\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"arn\":\"arn:aws:appmesh:us-east-1:111122223333:mesh/plain\"");
    }

    @Test
    void malformedJson_isBadRequest() throws Exception {
        HttpResponse<String> response = send("PUT", "/v20190125/meshes", "{\"meshName\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(local.controlPlane().mutatingRequestCount()).isEqualTo(1);
    }

    @Test
    void pathOrMethodOfNoOperation_isUnknownOperation() throws Exception {
        for (String[] request : new String[][] {
            {"GET", "/v20190125/meshes/m/virtualGateways"},
            {"GET", "/v20190125/meshes/m/virtualRouters/vr/routes"},
            {"POST", "/v20190125/meshes"},
            {"GET", "/"}
        }) {
            HttpResponse<String> response = send(request[0], request[1], null);
            assertThat(response.statusCode()).as(request[0] + " " + request[1]).isEqualTo(404);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        }
    }

    @Test
    void encodedNamesInThePath_areDecoded() throws Exception {
        send("PUT", "/v20190125/meshes", "{\"meshName\":\"m\"}");
        send("PUT", "/v20190125/meshes/m/virtualServices", "{\"virtualServiceName\":\"a b.local\",\"spec\":{}}");

        HttpResponse<String> response = send("GET", "/v20190125/meshes/m/virtualServices/a%20b.local", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"virtualServiceName\":\"a b.local\"");
    }

    @Test
    void emptyHttpRetryEvents_isBadRequest_evenBesideOtherEvents() throws Exception {
        send("PUT", "/v20190125/meshes", "{\"meshName\":\"m\"}");
        send("PUT", "/v20190125/meshes/m/virtualNodes", "{\"virtualNodeName\":\"vn\",\"spec\":{}}");
        send(
                "PUT",
                "/v20190125/meshes/m/virtualRouters",
                "{\"virtualRouterName\":\"vr\",\"spec\":{\"listeners\":[{\"portMapping\":{\"port\":8080,"
                        + "\"protocol\":\"http\"}}]}}");

        HttpResponse<String> response = send(
                "PUT",
                "/v20190125/meshes/m/virtualRouter/vr/routes",
                "{\"routeName\":\"r\",\"spec\":{\"httpRoute\":{\"match\":{\"prefix\":\"/\"},"
                        + "\"action\":{\"weightedTargets\":[{\"virtualNode\":\"vn\",\"weight\":1}]},"
                        + "\"retryPolicy\":{\"maxRetries\":1,\"perRetryTimeout\":{\"unit\":\"ms\",\"value\":1},"
                        + "\"httpRetryEvents\":[],\"tcpRetryEvents\":[\"connection-error\"]}}}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("httpRetryEvents must have 1 to 25 elements, not 0");
    }

    @Test
    void clientTokenOfAnotherRequest_isConflict_andTheSameRequestAgainIsARetry() throws Exception {
        send("PUT", "/v20190125/meshes", "{\"meshName\":\"m\"}");
        String first = "{\"virtualNodeName\":\"a\",\"spec\":{},\"clientToken\":\"token-1\"}";
        assertThat(send("PUT", "/v20190125/meshes/m/virtualNodes", first).statusCode())
                .isEqualTo(200);

        HttpResponse<String> other = send(
                "PUT",
                "/v20190125/meshes/m/virtualNodes",
                "{\"virtualNodeName\":\"b\",\"spec\":{},\"clientToken\":\"token-1\"}");
        HttpResponse<String> retry = send("PUT", "/v20190125/meshes/m/virtualNodes", first);

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.headers().firstValue("x-amzn-ErrorType")).hasValue("ConflictException");
        assertThat(send("GET", "/v20190125/meshes/m/virtualNodes/b", null).statusCode())
                .isEqualTo(404);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("\"version\":1");
    }

    @Test
    void clientTokenLongerThan36Characters_isBadRequest() throws Exception {
        HttpResponse<String> response =
                send("PUT", "/v20190125/meshes", "{\"meshName\":\"m\",\"clientToken\":\"" + "a".repeat(37) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("clientToken must be 1 to 36 letters");
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(local.controlPlane().endpoint() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
