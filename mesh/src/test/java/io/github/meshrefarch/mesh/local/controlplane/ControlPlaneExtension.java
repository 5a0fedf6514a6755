package io.github.meshrefarch.mesh.local.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;

/**
 * Gives each test a fresh control plane on an ephemeral port with its own state directory, and a real
 * {@link AppMeshClient} pointed at it (static dummy credentials, region us-west-2, SDK retries off so every error
 * arrives as the server sent it). Both are closed after the test.
 */
final class ControlPlaneExtension implements BeforeEachCallback, AfterEachCallback {

    static final Region REGION = Region.US_WEST_2;

    private Path stateDir;
    private LocalControlPlane controlPlane;
    private AppMeshClient client;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        stateDir = Files.createTempDirectory("controlplane-test-");
        controlPlane = LocalControlPlane.start(0, stateDir);
        client = client(controlPlane.endpoint());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        client.close();
        controlPlane.close();
        deleteRecursively(stateDir);
    }

    LocalControlPlane controlPlane() {
        return controlPlane;
    }

    AppMeshClient client() {
        return client;
    }

    Path stateDir() {
        return stateDir;
    }

    /** Closes the running control plane and starts a new one on the same state directory. */
    void restart() throws IOException {
        client.close();
        controlPlane.close();
        controlPlane = LocalControlPlane.start(0, stateDir);
        client = client(controlPlane.endpoint());
    }

    static AppMeshClient client(URI endpoint) {
        return AppMeshClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(strategy -> strategy.maxAttempts(1))
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
