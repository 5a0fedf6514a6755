package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** The data plane's own answers, as JSON naming the virtual service, so a caller sees which hop failed and why. */
final class ErrorResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorResponses() {}

    static Mono<Void> send(
            HttpServerResponse response, HttpResponseStatus status, String error, String virtualService, String route) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("virtualService", virtualService);
        if (route != null) {
            body.put("route", route);
        }
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(JSON.writeValueAsString(body) + "\n"))
                .then();
    }
}
