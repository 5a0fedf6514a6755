package io.github.meshrefarch.order.client;

import io.github.meshrefarch.order.ServiceInfo;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Calls one backend's {@code GET /}, bounded by a timeout, without retry (retries are the mesh's job). Every failure
 * comes out as a {@link BackendException} naming the backend: its public detail says what kind of failure it was, its
 * message (for the log) also where the backend is and what the client reported.
 */
public final class BackendClient {

    private final String name;
    private final String baseUrl;
    private final WebClient webClient;
    private final Duration timeout;

    /**
     * @param name the backend's name in answers and errors, e.g. {@code product}
     * @param baseUrl where the backend is, for the log
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
                .switchIfEmpty(Mono.error(() -> failure(false, "answered no body", "")))
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof BackendException), this::toBackendException);
    }

    private BackendException toBackendException(Throwable error) {
        if (error instanceof TimeoutException) {
            return failure(true, "did not answer within " + timeout.toMillis() + " ms", "");
        }
        if (error instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            HttpStatus known = HttpStatus.resolve(status);
            return failure(
                    false,
                    "answered " + status + (known == null ? "" : " " + known.getReasonPhrase()),
                    " (status text: " + response.getStatusText() + ")");
        }
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        String reported = ": " + cause;
        if (error instanceof CodecException) {
            return failure(false, "answered an invalid body", reported);
        }
        if (cause instanceof ConnectException) {
            boolean refused = String.valueOf(cause.getMessage()).contains("refused");
            return failure(false, refused ? "refused the connection" : "could not be reached", reported);
        }
        if (cause instanceof UnknownHostException) {
            return failure(false, "could not be resolved", reported);
        }
        return failure(false, "failed (connection error)", reported);
    }

    private BackendException failure(boolean timedOut, String kind, String reported) {
        return new BackendException(name, timedOut, name + " " + kind, name + " at " + baseUrl + " " + kind + reported);
    }

    @Override
    public String toString() {
        return name + " at " + baseUrl;
    }
}
