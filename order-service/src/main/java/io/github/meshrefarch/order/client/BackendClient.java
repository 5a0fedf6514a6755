package io.github.meshrefarch.order.client;

import io.github.meshrefarch.order.ServiceInfo;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.codec.CodecException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Calls one backend's {@code GET /}, bounded by a timeout, without retry (retries are the mesh's job). Every failure
 * comes out as a {@link BackendException} naming the backend.
 */
public final class BackendClient {

    private final String name;
    private final String baseUrl;
    private final WebClient webClient;
    private final Duration timeout;

    /**
     * @param name the backend's name in answers and errors, e.g. {@code product}
     * @param baseUrl where the backend is, for error details
     * @param webClient a client whose base URL is {@code baseUrl}
     * @param timeout bound on one call, connecting included
     */
    public BackendClient(String name, String baseUrl, WebClient webClient, Duration timeout) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.webClient = webClient;
        this.timeout = timeout;
    }

    public String name() {
        return name;
    }

    /** The backend's name and version, parsed; fails with a {@link BackendException}, never hangs past the timeout. */
    public Mono<ServiceInfo> fetch() {
        return webClient
                .get()
                .uri("/")
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(ServiceInfo.class)
                .switchIfEmpty(Mono.error(
                        () -> new BackendException(name, false, name + " at " + baseUrl + " answered no body")))
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof BackendException), this::toBackendException);
    }

    private BackendException toBackendException(Throwable error) {
        String where = name + " at " + baseUrl;
        if (error instanceof TimeoutException) {
            return new BackendException(name, true, where + " did not answer within " + timeout.toMillis() + " ms");
        }
        if (error instanceof WebClientResponseException response) {
            return new BackendException(
                    name,
                    false,
                    where + " answered " + response.getStatusCode().value() + " " + response.getStatusText());
        }
        String cause = NestedExceptionUtils.getMostSpecificCause(error).toString();
        if (error instanceof CodecException) {
            return new BackendException(name, false, where + " answered an invalid body: " + cause);
        }
        return new BackendException(name, false, where + " failed: " + cause);
    }

    @Override
    public String toString() {
        return name + " at " + baseUrl;
    }
}
