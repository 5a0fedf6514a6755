package io.github.meshrefarch.mesh.appmesh;

import java.net.URI;

/** Where App Mesh calls go: the local control plane (default) or the real service on AWS. */
public enum AppMeshTarget {
    /** The local App Mesh-compatible control plane: {@code http://127.0.0.1:9080}, dummy credentials. */
    LOCAL,
    /** AWS App Mesh: default credential chain and region provider. */
    AWS;

    public static final URI LOCAL_ENDPOINT = URI.create("http://127.0.0.1:9080");

    public static final String LOCAL_REGION = "us-east-1";
}
