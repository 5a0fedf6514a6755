package io.github.meshrefarch.mesh.local.controlplane;

/**
 * An App Mesh error answer: the error type (the shape name the SDKs map to their exception classes), its HTTP status
 * and a message. Thrown anywhere below the HTTP layer, written as {@code x-amzn-ErrorType} plus {@code {"message"}}.
 */
final class ApiException extends RuntimeException {

    private final String errorType;
    private final int status;

    private ApiException(String errorType, int status, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.status = status;
    }

    static ApiException badRequest(String format, Object... args) {
        return new ApiException("BadRequestException", 400, format.formatted(args));
    }

    static ApiException notFound(String format, Object... args) {
        return new ApiException("NotFoundException", 404, format.formatted(args));
    }

    static ApiException conflict(String format, Object... args) {
        return new ApiException("ConflictException", 409, format.formatted(args));
    }

    static ApiException resourceInUse(String format, Object... args) {
        return new ApiException("ResourceInUseException", 409, format.formatted(args));
    }

    static ApiException tooManyRequests(String format, Object... args) {
        return new ApiException("TooManyRequestsException", 429, format.formatted(args));
    }

    static ApiException forbidden(String format, Object... args) {
        return new ApiException("ForbiddenException", 403, format.formatted(args));
    }

    /** Not an App Mesh shape (App Mesh sets no limit of its own): a request body beyond the local limit. */
    static ApiException tooLarge(String format, Object... args) {
        return new ApiException("RequestEntityTooLargeException", 413, format.formatted(args));
    }

    static ApiException internal(String format, Object... args) {
        return new ApiException("InternalServerErrorException", 500, format.formatted(args));
    }

    /** Not an App Mesh shape: what AWS front ends answer for a path or method no operation has. */
    static ApiException unknownOperation(String method, String path) {
        return new ApiException("UnknownOperationException", 404, "No operation for %s %s".formatted(method, path));
    }

    String errorType() {
        return errorType;
    }

    int status() {
        return status;
    }
}
