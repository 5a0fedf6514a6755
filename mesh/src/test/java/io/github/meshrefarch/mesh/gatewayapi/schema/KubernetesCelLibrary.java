package io.github.meshrefarch.mesh.gatewayapi.schema;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The functions of the Kubernetes CEL libraries that CEL-Java lacks and that this validator provides. Kubernetes
 * adds more (the URL, IP, CIDR, quantity, authorizer libraries, the lists and regex extensions): a rule calling one of
 * those does not compile here, and the validator names it among the rules it cannot evaluate.
 */
final class KubernetesCelLibrary {

    private KubernetesCelLibrary() {}

    static List<CelFunctionDecl> declarations() {
        return List.of(CelFunctionDecl.newFunctionDeclaration(
                "isURL", CelOverloadDecl.newGlobalOverload("isURL_string", SimpleType.BOOL, SimpleType.STRING)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(CelFunctionBinding.from("isURL_string", String.class, KubernetesCelLibrary::isUrl));
    }

    /** As Go's {@code url.ParseRequestURI} accepts it: an absolute URI, or an absolute path. */
    static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() || (uri.getPath() != null && uri.getPath().startsWith("/"));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
