package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies the end-to-end headers of a message to the next hop and drops the hop-by-hop ones (RFC 9110 section 7.6.1):
 * {@code Connection} and every header it names, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE},
 * {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}, and the proxy authentication headers. Framing of each hop
 * is the business of that hop's codec; everything else, {@code traceparent} included, passes unchanged.
 */
final class HopByHopHeaders {

    private static final Set<String> ALWAYS = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    private HopByHopHeaders() {}

    static HttpHeaders endToEnd(HttpHeaders headers) {
        Set<String> dropped = droppedNames(headers);
        HttpHeaders copy = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : headers) {
            if (!dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                copy.add(header.getKey(), header.getValue());
            }
        }
        return copy;
    }

    private static Set<String> droppedNames(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.CONNECTION)) {
            return ALWAYS;
        }
        Set<String> dropped = new HashSet<>(ALWAYS);
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                dropped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return dropped;
    }
}
