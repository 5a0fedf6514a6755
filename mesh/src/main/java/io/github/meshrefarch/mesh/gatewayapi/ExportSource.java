package io.github.meshrefarch.mesh.gatewayapi;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The App Mesh specs behind a mesh description, as App Mesh returns them (JSON, field names as in
 * the API): what an export reads to find health checks and everything the model does not carry.
 */
public interface ExportSource {

    /** The virtual node's spec ({@code virtualNode.spec} of DescribeVirtualNode). */
    Optional<JsonNode> virtualNodeSpec(String virtualNode);

    /** The route's spec ({@code route.spec} of DescribeRoute). */
    Optional<JsonNode> routeSpec(String virtualRouter, String route);
}
