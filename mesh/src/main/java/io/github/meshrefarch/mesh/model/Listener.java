package io.github.meshrefarch.mesh.model;

/** A listener's port mapping, as on a virtual node or a virtual router: {@code 8080 http}. */
public record Listener(int port, String protocol) {

    public static final Listener HTTP_8080 = new Listener(8080, "http");
}
