package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;

/**
 * The message heads of one proxied request on each hop: the end-to-end headers pass, hop-by-hop ones are dropped, and
 * each hop gets its own framing and keep-alive. Upstream requests are always HTTP/1.1 keep-alive (the {@code Host}
 * header is the caller's); the response to the caller keeps its connection open when the caller asked for that and
 * the response's length can be told on it.
 */
final class DownstreamResponses {

    private final HttpRequest request;
    private final ReplayableRequestBody body;
    private boolean keepAlive;
    private HttpRequest upstreamHead;

    DownstreamResponses(HttpRequest request, ReplayableRequestBody body) {
        this.request = request;
        this.body = body;
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    /** Whether the downstream connection stays open after the response. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The head sent upstream; built once, every attempt sends the same one. */
    HttpRequest upstreamRequestHead(InetSocketAddress endpoint) {
        if (upstreamHead == null) {
            HttpHeaders headers = HopByHopHeaders.endToEnd(request.headers());
            if (body.present() && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                // dropping the caller's framing leaves a body of unknown length: it goes chunked
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
            if (!headers.contains(HttpHeaderNames.HOST)) {
                headers.set(HttpHeaderNames.HOST, endpoint.getHostString() + ":" + endpoint.getPort());
            }
            upstreamHead = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri(), headers);
        }
        return upstreamHead;
    }

    /** The head relayed downstream for an upstream response. */
    HttpResponse relayedHead(HttpResponse upstream) {
        HttpHeaders headers = HopByHopHeaders.endToEnd(upstream.headers());
        if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH) && mayHaveBody(upstream)) {
            if (request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                keepAlive = false; // an HTTP/1.0 caller learns where the body ends from the connection closing
            }
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, upstream.status(), headers);
    }

    private boolean mayHaveBody(HttpResponse upstream) {
        int code = upstream.status().code();
        return !HttpMethod.HEAD.equals(request.method())
                && upstream.status().codeClass() != HttpStatusClass.INFORMATIONAL
                && code != 204
                && code != 304;
    }
}
