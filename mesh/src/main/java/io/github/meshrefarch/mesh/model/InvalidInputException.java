package io.github.meshrefarch.mesh.model;

/** The user's input (arguments or files) is wrong; nothing was changed. Exit code 2. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
