package io.github.meshrefarch.mesh.gatewayapi.schema;

/** Field paths as the API server prints them: {@code spec.rules[0].backendRefs[1].weight}. */
final class Paths {

    static final String ROOT = "";

    private Paths() {}

    static String field(String path, String name) {
        if (!name.matches("[A-Za-z_$][A-Za-z0-9_$-]*")) {
            return path + "[" + name + "]";
        }
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }

    /** The path for a message: the object itself is {@code <root>}. */
    static String shown(String path) {
        return path.isEmpty() ? "<root>" : path;
    }
}
