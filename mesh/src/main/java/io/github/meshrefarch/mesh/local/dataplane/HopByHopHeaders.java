package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Copies the end-to-end headers of a message to the next hop and drops the hop-by-hop ones (RFC 9110 section 7.6.1):
 * {@code Connection} and every header it names, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE},
 * {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}, and the proxy authentication headers. Framing of each hop
 * is the business of that hop's codec; everything else, {@code traceparent} included, passes unchanged.
 */
final class HopByHopHeaders {

    private static final List<AsciiString> ALWAYS = List.of(
            HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING,
            HttpHeaderNames.UPGRADE);

    private HopByHopHeaders() {}

    /**
     * A copy without the hop-by-hop headers; the copy keeps names, order and repeated values. Netty copies headers of
     * its own kind without validating them again, and removal by name ignores case, so this costs a few hash lookups per
     * request rather than a look at every header.
     */
    static HttpHeaders endToEnd(HttpHeaders headers) {
        HttpHeaders copy = headers.copy();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                copy.remove(token.trim());
            }
        }
        for (AsciiString name : ALWAYS) {
            copy.remove(name);
        }
        return copy;
    }
}
