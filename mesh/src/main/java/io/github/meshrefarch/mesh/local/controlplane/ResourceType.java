package io.github.meshrefarch.mesh.local.controlplane;

/**
 * The App Mesh resource kinds this control plane serves, with the names the REST API uses for each: the member that
 * names one (e.g. {@code virtualNodeName}), the payload member of a single resource ({@code virtualNode}), the list
 * member ({@code virtualNodes}) and the ARN path segment ({@code virtualNode}).
 */
enum ResourceType {
    MESH("Mesh", "meshName", "mesh", "meshes"),
    VIRTUAL_NODE("VirtualNode", "virtualNodeName", "virtualNode", "virtualNodes"),
    VIRTUAL_ROUTER("VirtualRouter", "virtualRouterName", "virtualRouter", "virtualRouters"),
    ROUTE("Route", "routeName", "route", "routes"),
    VIRTUAL_SERVICE("VirtualService", "virtualServiceName", "virtualService", "virtualServices");

    private final String displayName;
    private final String nameMember;
    private final String payloadMember;
    private final String listMember;

    ResourceType(String displayName, String nameMember, String payloadMember, String listMember) {
        this.displayName = displayName;
        this.nameMember = nameMember;
        this.payloadMember = payloadMember;
        this.listMember = listMember;
    }

    /** As App Mesh names the kind in messages: {@code VirtualNode}. */
    String displayName() {
        return displayName;
    }

    String nameMember() {
        return nameMember;
    }

    String payloadMember() {
        return payloadMember;
    }

    String listMember() {
        return listMember;
    }

    /** The ARN segment, which is the payload member: {@code mesh/demomesh/virtualRouter/product-vr/route/product-r}. */
    String arnSegment() {
        return payloadMember;
    }
}
