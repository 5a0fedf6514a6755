package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Why no upstream response could be relayed; carries what the caller gets instead. */
enum UpstreamFailure {
    /** No target with weight, no endpoint, or every connection attempt refused: Envoy's "no healthy upstream". */
    NO_HEALTHY_UPSTREAM(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy upstream"),
    /** The upstream closed the connection before the response headers. */
    RESET(HttpResponseStatus.SERVICE_UNAVAILABLE, "upstream reset before response headers"),
    /** The route's timeout, or the last attempt's per-retry timeout, ran out. */
    TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream request timeout");

    final HttpResponseStatus status;
    final String error;

    UpstreamFailure(HttpResponseStatus status, String error) {
        this.status = status;
        this.error = error;
    }
}
