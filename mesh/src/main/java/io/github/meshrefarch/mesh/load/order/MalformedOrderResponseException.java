package io.github.meshrefarch.mesh.load.order;

/** A body that is not what the order service answers; the message says what is wrong with it. */
public final class MalformedOrderResponseException extends IllegalArgumentException {

    MalformedOrderResponseException(String reason) {
        super(reason);
    }
}
