package io.github.meshrefarch.mesh.local.workloads;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small network checks of the local mode: is a port free, does an HTTP endpoint answer 200. */
public final class Probes {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private Probes() {}

    /** Whether nothing listens on this loopback port. */
    public static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /** Whether a GET of {@code uri} answers 200 within {@code timeout}. */
    public static boolean answers(URI uri, Duration timeout) {
        try {
            HttpRequest request =
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The readiness probe of a workload listening on {@code port}. */
    public static URI readiness(int port) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    }
}
