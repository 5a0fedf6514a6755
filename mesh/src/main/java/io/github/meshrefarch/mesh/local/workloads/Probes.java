package io.github.meshrefarch.mesh.local.workloads;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Small network checks of the local mode: is a port free, does an HTTP endpoint answer 200, is a process ready. */
public final class Probes {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    static final int MANAGEMENT_PORT_OFFSET = 10000;

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

    /**
     * The management port of a workload on {@code port}: {@code port + 10000} (8080 gives 18080) when that is a port and
     * free, else any free port.
     */
    static int managementPort(int port) {
        int derived = port + MANAGEMENT_PORT_OFFSET;
        if (derived <= 65535 && portFree(derived)) {
            return derived;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalModeException("no free port for a management port: " + e.getMessage(), e);
        }
    }

    /** The readiness probe of a workload whose Actuator listens on {@code port} (its management port). */
    public static URI readiness(int port) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    /** Fails with the reason, and what to do, when {@code port} is taken. */
    static void requireFree(int port, String what, Path stateDir) {
        if (!portFree(port)) {
            throw new LocalModeException("port " + port + " for " + what
                    + " is already in use; stop what uses it, or run './meshctl local down --state-dir "
                    + stateDir.toAbsolutePath() + "' if it is an earlier local mesh of that state directory");
        }
    }

    /**
     * Waits until {@code probe} answers 200; fails at once, with the end of its log, when the process exits first, and
     * after {@code timeout} otherwise.
     */
    static void awaitReady(Process process, URI probe, Path log, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalModeException(what + " exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + log + ":" + System.lineSeparator()
                        + JavaProcesses.tail(log, 15));
            }
            if (answers(probe, Duration.ofSeconds(1))) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new LocalModeException(what + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted", e);
        }
    }
}
