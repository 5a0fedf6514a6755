package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshBackend;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.AppMeshClientBuilder;
import tools.jackson.databind.JsonNode;

/**
 * One App Mesh client for one meshctl run, with call timeouts (the SDK sets none by default)
 * and the region always set. Close it when the run ends.
 */
public final class AppMeshConnection implements AutoCloseable {

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

    private final AppMeshClient client;
    private final AppMeshErrors errors;

    private AppMeshConnection(AppMeshClient client, AppMeshErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    /**
     * Opens a client for {@code target}. {@code endpoint} and {@code region} may be null: the
     * local target then uses {@link AppMeshTarget#LOCAL_ENDPOINT} and us-east-1 with dummy
     * credentials; the AWS target uses the default region provider and credential chain.
     */
    public static AppMeshConnection open(AppMeshTarget target, URI endpoint, String region) {
        URI effectiveEndpoint =
                endpoint == null && target == AppMeshTarget.LOCAL ? AppMeshTarget.LOCAL_ENDPOINT : endpoint;
        AppMeshClientBuilder builder = AppMeshClient.builder()
                .region(Region.of(region != null ? region : defaultRegion(target)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(
                        o -> o.apiCallTimeout(API_CALL_TIMEOUT).apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT));
        if (effectiveEndpoint != null) {
            builder.endpointOverride(effectiveEndpoint);
        }
        builder.credentialsProvider(
                target == AppMeshTarget.LOCAL
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("meshctl-local", "meshctl-local"))
                        : DefaultCredentialsProvider.builder().build());
        String shownEndpoint =
                effectiveEndpoint != null ? effectiveEndpoint.toString() : "the App Mesh endpoint of the region";
        return new AppMeshConnection(builder.build(), new AppMeshErrors(target, shownEndpoint));
    }

    private static String defaultRegion(AppMeshTarget target) {
        if (target == AppMeshTarget.LOCAL) {
            return AppMeshTarget.LOCAL_REGION;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new InvalidInputException("no AWS region is configured: pass --region or set AWS_REGION");
        }
    }

    /** The mesh backend over this connection; closing it closes the connection. */
    public MeshBackend backend() {
        return new AppMeshBackend(new AppMeshApi(client, errors), this::close);
    }

    /**
     * Runs one operation from a request in the AWS CLI's {@code --cli-input-json} shape and
     * returns the response as JSON. The request is checked before the call.
     */
    public JsonNode call(String operation, JsonNode request) {
        return AppMeshCall.prepare(operation, request).invoke(client, errors);
    }

    @Override
    public void close() {
        client.close();
    }
}
