package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.MeshOperationException;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;

/** Turns SDK failures into one sentence that names the resource and, if it can, the fix. */
final class AppMeshErrors {

    private final AppMeshTarget target;
    private final String endpoint;

    AppMeshErrors(AppMeshTarget target, String endpoint) {
        this.target = target;
        this.endpoint = endpoint;
    }

    /**
     * The failure of {@code action} ("update route product-vr/product-r"): a missing resource as
     * {@link UnexpectedStateException}, other service and client errors as {@link MeshOperationException}.
     */
    RuntimeException translate(String action, RuntimeException failure) {
        if (failure instanceof NotFoundException missing) {
            return new UnexpectedStateException("cannot " + action + ": " + reason(missing) + " (NotFoundException)");
        }
        if (failure instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String reason =
                    details != null && details.errorMessage() != null ? details.errorMessage() : service.getMessage();
            String code = details != null && details.errorCode() != null
                    ? details.errorCode()
                    : "HTTP " + service.statusCode();
            return new MeshOperationException("cannot " + action + ": " + reason + " (" + code + ")", failure);
        }
        if (failure instanceof SdkClientException) {
            if (unreachable(failure)) {
                return new MeshOperationException(unreachableMessage(), failure);
            }
            if (noCredentials(failure)) {
                // the SDK's own text lists every provider of its chain with its reason: a paragraph, not a fix
                return new MeshOperationException(
                        "cannot " + action + ": no AWS credentials found; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and"
                                + " AWS_SECRET_ACCESS_KEY, or run where a role provides them",
                        failure);
            }
            return new MeshOperationException(
                    "cannot " + action + " at " + endpoint + ": " + failure.getMessage(), failure);
        }
        return failure;
    }

    private static String reason(AwsServiceException service) {
        AwsErrorDetails details = service.awsErrorDetails();
        return details != null && details.errorMessage() != null ? details.errorMessage() : service.getMessage();
    }

    private String unreachableMessage() {
        if (target == AppMeshTarget.LOCAL) {
            return "cannot reach the local App Mesh control plane at " + endpoint
                    + ": start it with './meshctl local up' (or './meshctl local controlplane')";
        }
        return "cannot reach App Mesh at " + endpoint + ": check the network, the region and the endpoint URL";
    }

    private static boolean noCredentials(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.startsWith("Unable to load credentials");
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
