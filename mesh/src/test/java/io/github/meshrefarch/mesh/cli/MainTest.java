package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What meshctl says without reaching any endpoint. */
class MainTest {

    @Test
    void help_listsTheCommandsAndTheExitCodes() {
        MeshctlHarness.Result help = MeshctlHarness.runRaw("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains(
                        "apply", "steps", "step", "status", "canary", "promote", "rollback", "delete", "call", "local")
                .contains("Exit codes:")
                .containsPattern("0 +success")
                .containsPattern("1 +the operation failed")
                .containsPattern("2 +usage error or invalid input")
                .containsPattern("3 +unexpected state")
                .containsPattern("4 +internal error");
    }

    @Test
    void unknownTarget_isAUsageError_notAFallback() {
        MeshctlHarness.Result result = MeshctlHarness.runRaw("--target", "istio", "status");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--target'", "istio");
    }

    @Test
    void localDeploy_badEnv_isAUsageError_beforeAnythingStartsOrIsRecorded(@TempDir Path stateDir) {
        MeshctlHarness.Result result = MeshctlHarness.runRaw(
                "local", "deploy", "product-v15", "--env", "FAULT_ERROR_RATE", "--state-dir", stateDir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("meshctl: --env 'FAULT_ERROR_RATE' is not KEY=VALUE (e.g. FAULT_ERROR_RATE=0.3)");
        assertThat(stateDir.resolve("local.json")).doesNotExist();
    }

    @Test
    void errors_carryNoStackTrace_unlessVerbose() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;

        MeshctlHarness.Result quiet = MeshctlHarness.runRaw("--target", "local", "--endpoint-url", endpoint, "status");
        MeshctlHarness.Result verbose = MeshctlHarness.runRaw("--endpoint-url", endpoint, "status", "--verbose");

        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.err().lines()).hasSize(1);
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("at software.amazon.awssdk");
    }
}
