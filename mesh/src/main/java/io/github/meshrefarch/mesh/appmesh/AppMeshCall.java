package io.github.meshrefarch.mesh.appmesh;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.AppMeshRequest;
import tools.jackson.databind.JsonNode;

/**
 * Runs one App Mesh operation from a request written as for {@code aws appmesh OPERATION
 * --cli-input-json}: the operation in the CLI's spelling ({@code update-route}) or the API's
 * ({@code UpdateRoute}), the request as JSON with the API's member names.
 */
final class AppMeshCall {

    private static final String MODEL_PACKAGE = AppMeshRequest.class.getPackageName();

    private AppMeshCall() {}

    /** The operation's Java method name: {@code update-route} and {@code UpdateRoute} give {@code updateRoute}. */
    static String methodName(String operation) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : operation.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.isEmpty() ? "" : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }

    /** Resolves the operation and builds its request, before any call: wrong input is {@link InvalidInputException}. */
    static Prepared prepare(String operation, JsonNode input) {
        String method = methodName(operation);
        Class<?> requestType;
        Method call;
        try {
            requestType = Class.forName(
                    MODEL_PACKAGE + "." + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Request");
            call = AppMeshClient.class.getMethod(method, requestType);
        } catch (ClassNotFoundException | NoSuchMethodException | StringIndexOutOfBoundsException e) {
            throw new InvalidInputException(
                    "App Mesh has no operation " + operation + " (e.g. describe-route, update-route)");
        }
        Object request = SdkJson.read(() -> newBuilder(requestType), input, "request");
        return new Prepared(operation, call, request);
    }

    private static SdkPojo newBuilder(Class<?> requestType) {
        try {
            return (SdkPojo) requestType.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no builder on " + requestType, e);
        }
    }

    /** An operation ready to run: {@link #invoke} makes the one call. */
    record Prepared(String operation, Method method, Object request) {

        JsonNode invoke(AppMeshClient client, AppMeshErrors errors) {
            try {
                return SdkJson.write((SdkPojo) method.invoke(client, request));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw errors.translate(operation, failure);
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
