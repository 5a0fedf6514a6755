package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A workload stand-in on an ephemeral loopback port, served by Reactor Netty as the Spring WebFlux workloads are: it
 * answers {@code {"node":"<name>"}} (or echoes a request body), fails with a status, answers late, or never answers.
 */
final class TestUpstream implements AutoCloseable {

    private enum Behaviour {
        ANSWER,
        FAIL,
        HANG
    }

    private final String name;
    private final Behaviour behaviour;
    private final int failureStatus;
    private final Duration delay;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Long> arrivalNanos = new CopyOnWriteArrayList<>();
    private final AtomicReference<HttpHeaders> lastHeaders = new AtomicReference<>();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final DisposableServer server;

    private TestUpstream(String name, Behaviour behaviour, int failureStatus, Duration delay) {
        this.name = name;
        this.behaviour = behaviour;
        this.failureStatus = failureStatus;
        this.delay = delay;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(this::handle)
                .bindNow();
    }

    static TestUpstream answering(String name) {
        return new TestUpstream(name, Behaviour.ANSWER, 0, Duration.ZERO);
    }

    static TestUpstream answeringAfter(String name, Duration delay) {
        return new TestUpstream(name, Behaviour.ANSWER, 0, delay);
    }

    static TestUpstream failing(String name, int status) {
        return new TestUpstream(name, Behaviour.FAIL, status, Duration.ZERO);
    }

    static TestUpstream hanging(String name) {
        return new TestUpstream(name, Behaviour.HANG, 0, Duration.ZERO);
    }

    String name() {
        return name;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.address();
    }

    int requests() {
        return requests.get();
    }

    /** When each request arrived ({@link System#nanoTime()}), in order. */
    List<Long> arrivalNanos() {
        return List.copyOf(arrivalNanos);
    }

    HttpHeaders lastHeaders() {
        return lastHeaders.get();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        arrivalNanos.add(System.nanoTime());
        requests.incrementAndGet();
        lastHeaders.set(request.requestHeaders().copy());
        Mono<byte[]> requestBody = request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]);
        return switch (behaviour) {
            case HANG -> requestBody.then(closed.asMono());
            case FAIL ->
                requestBody.flatMap(ignored -> respond(
                        response,
                        failureStatus,
                        ("{\"node\":\"" + name + "\",\"failed\":true}").getBytes(StandardCharsets.UTF_8)));
            case ANSWER ->
                requestBody
                        .delayElement(delay)
                        .flatMap(body -> respond(
                                response,
                                200,
                                body.length > 0
                                        ? body
                                        : ("{\"node\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static Mono<Void> respond(HttpServerResponse response, int status, byte[] body) {
        return response.status(HttpResponseStatus.valueOf(status))
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header("X-Served-By", "test-upstream")
                .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.length))
                .sendByteArray(Mono.just(body))
                .then();
    }

    @Override
    public void close() {
        closed.tryEmitEmpty();
        server.disposeNow(Duration.ofSeconds(5));
    }
}
