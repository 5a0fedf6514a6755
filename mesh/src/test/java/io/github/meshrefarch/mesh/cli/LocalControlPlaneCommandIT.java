package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;

class LocalControlPlaneCommandIT {

    @TempDir
    Path stateDir;

    @Test
    void servesInTheForeground_printsItsEndpoint_andKeepsStateAcrossRuns() throws Exception {
        Process first = start();
        try {
            URI endpoint = endpointOf(first);
            try (AppMeshClient client = client(endpoint)) {
                client.createMesh(r -> r.meshName("from-cli"));
            }
        } finally {
            stop(first);
        }
        Process second = start();
        try (AppMeshClient client = client(endpointOf(second))) {
            assertThat(client.listMeshes().meshes())
                    .extracting(mesh -> mesh.meshName())
                    .containsExactly("from-cli");
        } finally {
            stop(second);
        }
    }

    @Test
    void secondProcessOnTheSameStateDirectory_exitsAtOnceNamingTheHolder() throws Exception {
        Process first = start();
        try {
            endpointOf(first); // serving, so holding the directory
            Process second =
                    command().redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                assertThat(second.waitFor(60, TimeUnit.SECONDS))
                        .as("the second control plane exits")
                        .isTrue();
                String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(second.exitValue()).isEqualTo(1);
                assertThat(err)
                        .contains("is in use by pid " + first.pid() + " (")
                        .contains("local controlplane --port 0 --state-dir " + stateDir);
            } finally {
                stop(second);
            }
        } finally {
            stop(first);
        }
    }

    @Test
    void requestThatNeverCompletes_isCutOffByTheServer() throws Exception {
        Process controlPlane = start();
        try (Socket socket = new Socket(
                InetAddress.getLoopbackAddress(), endpointOf(controlPlane).getPort())) {
            socket.setSoTimeout(90_000);
            socket.getOutputStream()
                    .write(("PUT /v20190125/meshes HTTP/1.1\r\nHost: 127.0.0.1:" + socket.getPort()
                                    + "\r\nContent-Length: 100\r\n\r\n{")
                            .getBytes(StandardCharsets.UTF_8));

            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            } // a SocketTimeoutException (still open after 90 s) fails the test

            assertThat(read).as("the server closed the connection").isEqualTo(-1);
        } finally {
            stop(controlPlane);
        }
    }

    @Test
    void portInUse_isOneClearErrorAndExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(
                    new PrintWriter(out),
                    new PrintWriter(err),
                    "local",
                    "controlplane",
                    "--port",
                    String.valueOf(taken.getLocalPort()),
                    "--state-dir",
                    stateDir.toString());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString().strip())
                    .isEqualTo("meshctl: port %d on 127.0.0.1 is already in use", taken.getLocalPort());
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void corruptState_isOneClearErrorAndExitCode1() throws IOException {
        Files.writeString(stateDir.resolve("appmesh-state.json"), "{ not json");
        StringWriter err = new StringWriter();
        int code = Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "local",
                "controlplane",
                "--port",
                "0",
                "--state-dir",
                stateDir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("corrupt").contains("appmesh-state.json");
    }

    @Test
    void help_documentsTheDefaultPort() {
        StringWriter out = new StringWriter();
        Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "local", "controlplane", "--help");
        assertThat(out.toString()).contains("default: 9080");
    }

    private Process start() throws IOException {
        return command().redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private ProcessBuilder command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "local",
                "controlplane",
                "--port",
                "0",
                "--state-dir",
                stateDir.toString()));
    }

    private static URI endpointOf(Process process) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).startsWith("App Mesh endpoint: http://127.0.0.1:");
        return URI.create(line.substring("App Mesh endpoint: ".length()));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static AppMeshClient client(URI endpoint) {
        return AppMeshClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
