package io.github.meshrefarch.mesh.gatewayapi;

import io.github.meshrefarch.mesh.model.InvalidInputException;

/**
 * What an HTTPRoute attaches to: GAMMA style, the virtual service's own Service (Istio, Linkerd,
 * Cilium), or Gateway style, a Gateway such as one of class {@code amazon-vpc-lattice} (VPC
 * Lattice), named after the mesh unless a name is given.
 */
public record ParentStyle(Kind kind, String gatewayName) {

    public enum Kind {
        SERVICE,
        GATEWAY
    }

    public static final ParentStyle SERVICE = new ParentStyle(Kind.SERVICE, null);

    /** Reads {@code service}, {@code gateway} or {@code gateway:NAME}. */
    public static ParentStyle parse(String text) {
        if ("service".equals(text)) {
            return SERVICE;
        }
        if ("gateway".equals(text)) {
            return new ParentStyle(Kind.GATEWAY, null);
        }
        if (text != null && text.startsWith("gateway:") && text.length() > "gateway:".length()) {
            return new ParentStyle(Kind.GATEWAY, text.substring("gateway:".length()));
        }
        throw new InvalidInputException("parent '" + text + "' is not service, gateway or gateway:NAME");
    }

    /** True for the Gateway (VPC Lattice) style, whose controller has limits of its own. */
    public boolean lattice() {
        return kind == Kind.GATEWAY;
    }

    /** The Gateway's name for {@code mesh}: the given name, else the mesh's. */
    public String gateway(String mesh) {
        return gatewayName != null ? gatewayName : mesh;
    }

    @Override
    public String toString() {
        return kind == Kind.SERVICE ? "service" : gatewayName == null ? "gateway" : "gateway:" + gatewayName;
    }
}
