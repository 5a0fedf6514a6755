package io.github.meshrefarch.mesh.appmesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.model.MeshOperationException;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;

class AppMeshErrorsTest {

    private final AppMeshErrors aws = new AppMeshErrors(AppMeshTarget.AWS, "the App Mesh endpoint of the region");

    @Test
    void missingCredentials_oneSentenceWithTheFix() {
        // the SDK's real exception from a provider chain that finds nothing, not a hand-written copy of its text
        RuntimeException failure = captured(() -> AwsCredentialsProviderChain.of(
                        ProfileCredentialsProvider.create("meshctl-test-profile-that-does-not-exist"))
                .resolveCredentials());

        RuntimeException translated = aws.translate("describe mesh demomesh", failure);

        assertThat(translated)
                .isInstanceOf(MeshOperationException.class)
                .hasMessage("cannot describe mesh demomesh: no AWS credentials found; set AWS_PROFILE, or"
                        + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role provides them");
    }

    @Test
    void unreachableLocalEndpoint_saysHowToStartIt() {
        AppMeshErrors local = new AppMeshErrors(AppMeshTarget.LOCAL, "http://127.0.0.1:9080");
        SdkClientException failure = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused"))
                .build();

        assertThat(local.translate("describe mesh demomesh", failure))
                .hasMessageContaining("cannot reach the local App Mesh control plane at http://127.0.0.1:9080")
                .hasMessageContaining("./meshctl local up");
    }

    @Test
    void notFound_namesTheActionAndTheErrorCode() {
        NotFoundException missing = (NotFoundException) NotFoundException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("NotFoundException")
                        .errorMessage("Mesh demomesh not found")
                        .build())
                .statusCode(404)
                .build();

        assertThat(aws.translate("describe mesh demomesh", missing))
                .isInstanceOf(UnexpectedStateException.class)
                .hasMessage("cannot describe mesh demomesh: Mesh demomesh not found (NotFoundException)");
    }

    private static RuntimeException captured(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
