package io.github.meshrefarch.mesh.local.dataplane;

import io.github.meshrefarch.mesh.local.routetable.WeightedBackend;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

/**
 * An upstream's response whose headers have arrived and whose body has not been read yet: it is read from the
 * connection while it is relayed downstream, which gives the connection back to the pool.
 */
record UpstreamResponse(WeightedBackend target, HttpClientResponse response, Connection connection) {

    int status() {
        return response.status().code();
    }

    /** Drops a response that is not relayed (it is retried instead); closing the connection discards its body. */
    void discard() {
        connection.dispose();
    }
}
