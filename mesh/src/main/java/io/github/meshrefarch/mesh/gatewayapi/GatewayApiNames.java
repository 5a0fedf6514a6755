package io.github.meshrefarch.mesh.gatewayapi;

/** The labels, annotations and names meshctl puts on Kubernetes objects (the decided mapping). */
final class GatewayApiNames {

    static final String MESH_LABEL = "meshrefarch.github.io/mesh";
    static final String NODE_LABEL = "meshrefarch.github.io/virtual-node";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "meshctl";
    static final String FIELD_MANAGER = "meshctl";

    /** On an HTTPRoute: the virtual service its virtual router provides. */
    static final String VIRTUAL_SERVICE_ANNOTATION = "meshrefarch.github.io/virtual-service";
    /** On an HTTPRoute: the names of its rules that are meshctl's routes, comma-separated. */
    static final String ROUTES_ANNOTATION = "meshrefarch.github.io/routes";
    /** On an HTTPRoute or a Service: the virtual router's or node's listener, {@code 8080/http}. */
    static final String LISTENER_ANNOTATION = "meshrefarch.github.io/listener";
    /** On a Service: the virtual node's DNS hostname. */
    static final String HOSTNAME_ANNOTATION = "meshrefarch.github.io/hostname";
    /** On a Service: the virtual services the virtual node calls, comma-separated. */
    static final String BACKENDS_ANNOTATION = "meshrefarch.github.io/backends";

    static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    static final String LATTICE_CLASS = "amazon-vpc-lattice";
    static final String GATEWAY_LISTENER = "http";

    private GatewayApiNames() {}

    /** The Service named by a hostname: its first DNS label ({@code product-v15.default.svc...} -> product-v15). */
    static String serviceName(String hostname) {
        int dot = hostname.indexOf('.');
        return dot < 0 ? hostname : hostname.substring(0, dot);
    }
}
