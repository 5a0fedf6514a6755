package io.github.meshrefarch.order.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.meshrefarch.order.ServiceInfo;
import io.github.meshrefarch.order.client.Backends;
import io.github.meshrefarch.order.client.BackendsUnavailableException;
import io.github.meshrefarch.order.config.ServiceProperties;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /}: order's own name and version, then product's and customer's, always in that order.
 *
 * <p>By default the answer is three lines of compact JSON, each ending in {@code \n} ({@code application/x-ndjson});
 * a client asking for {@code application/json} gets one document with a {@code backends} array instead. When a
 * backend fails the answer is 502, or 504 when every failed backend timed out, with a body naming the backends and
 * the kind of failure; where they are and what the client reported goes to the log only.
 */
@RestController
class OrderController {

    private static final Logger log = LoggerFactory.getLogger(OrderController.class);

    /** Backends answer a handful of distinct name/version pairs: their lines are serialized once, not per request. */
    private static final int MAX_CACHED_LINES = 64;

    private final Backends backends;
    private final JsonMapper json;
    private final ServiceInfo self;
    private final String selfLine;
    private final Map<ServiceInfo, String> lines = new ConcurrentHashMap<>();

    OrderController(ServiceProperties service, Backends backends, JsonMapper json) {
        this.self = service.info();
        this.backends = backends;
        this.json = json;
        this.selfLine = json.writeValueAsString(self) + "\n";
    }

    @GetMapping("/")
    Mono<ResponseEntity<String>> lines() {
        return backends.fetchAll()
                .map(answers -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_NDJSON)
                        .body(selfLine + line(answers.get(0)) + line(answers.get(1))));
    }

    private String line(ServiceInfo info) {
        String line = lines.get(info);
        if (line == null) {
            line = json.writeValueAsString(info) + "\n";
            if (lines.size() < MAX_CACHED_LINES) {
                lines.put(info, line);
            }
        }
        return line;
    }

    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<OrderDocument> document() {
        return backends.fetchAll().map(answers -> OrderDocument.of(self, answers));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> backendsUnavailable(BackendsUnavailableException failure) {
        HttpStatus status = failure.allTimedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
        log.warn("Answering {}: {}", status.value(), failure.getMessage());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(failure.backends() + " unavailable", failure.publicDetail()));
    }

    /** The {@code application/json} answer: {@code {"service":"Order","version":"1.0","backends":[...]}}. */
    @JsonPropertyOrder({"service", "version", "backends"})
    record OrderDocument(String service, String version, List<ServiceInfo> backends) {

        static OrderDocument of(ServiceInfo self, List<ServiceInfo> backends) {
            return new OrderDocument(self.service(), self.version(), backends);
        }
    }

    /** The body of a 502 or 504: {@code {"error":"product unavailable","detail":"product answered 503 ..."}}. */
    @JsonPropertyOrder({"error", "detail"})
    record ErrorBody(String error, String detail) {}
}
