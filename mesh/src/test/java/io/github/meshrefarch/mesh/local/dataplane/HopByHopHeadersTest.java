package io.github.meshrefarch.mesh.local.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {

    @Test
    void endToEnd_dropsHopByHopHeadersAndThoseNamedByConnection_keepsTheRest() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Hop")
                .add("Keep-Alive", "timeout=5")
                .add("X-Hop", "1")
                .add("Transfer-Encoding", "chunked")
                .add("Upgrade", "h2c")
                .add("TE", "trailers")
                .add("Proxy-Authorization", "Basic x")
                .add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .add("Host", "product.default.svc.cluster.local:8080")
                .add("Content-Length", "12")
                .add("Accept", "application/json")
                .add("Accept", "text/plain");

        HttpHeaders forwarded = HopByHopHeaders.endToEnd(headers);

        assertThat(forwarded.names()).containsExactlyInAnyOrder("traceparent", "Host", "Content-Length", "Accept");
        assertThat(forwarded.getAll("Accept")).containsExactly("application/json", "text/plain");
        assertThat(headers.contains("X-Hop")).isTrue(); // the original is left alone
    }

    @Test
    void endToEnd_withoutConnectionHeader_dropsOnlyTheStandardOnes() {
        HttpHeaders headers =
                new DefaultHttpHeaders().add("keep-alive", "timeout=5").add("x-request-id", "r-1");

        assertThat(HopByHopHeaders.endToEnd(headers).names()).containsExactly("x-request-id");
    }
}
