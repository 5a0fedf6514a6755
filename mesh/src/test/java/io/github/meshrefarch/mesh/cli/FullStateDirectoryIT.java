package io.github.meshrefarch.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chaos: the control plane's state directory is full. A file-size limit on the control plane's process ({@code ulimit
 * -f}, which binds root as well; the JVM ignores SIGXFSZ, so its writes fail with EFBIG as on a full disk) makes every
 * write of the state file fail for real, in the control plane's own code. The user gets one clear error and a non-zero
 * exit; the state file and the mesh as served stay as they were.
 */
class FullStateDirectoryIT {

    private static final String MESH = "demomesh";

    @RegisterExtension
    final ChaosRig rig = new ChaosRig();

    @Test
    void canaryOnAFullStateDirectory_failsWithOneClearLine_andTheStateFileIsIntactAndLoadable() throws Exception {
        Path state = rig.dir().resolve("cp");
        Process unlimited = rig.startControlPlane(state, 0);
        assertThat(rig.mesh(
                                "apply",
                                "-f",
                                ChaosRig.REPOSITORY
                                        .resolve("mesh/demomesh.yaml")
                                        .toString())
                        .exitCode())
                .isZero();
        Map<String, String> before = rig.snapshot(MESH);
        ChaosRig.kill9(unlimited.pid());
        Path stateFile = state.resolve("appmesh-state.json");
        byte[] file = Files.readAllBytes(stateFile);

        long limitBlocks = file.length / 1024 / 2; // the next state file (as large as this one) cannot be written
        Process limited = rig.startControlPlane(state, limitBlocks);
        ChaosRig.Result canary = rig.mesh("canary", "product", "product-vn=75", "product-v15-vn=25");

        System.out.printf(
                "full state directory (file size limit %d KiB, state file %d bytes): exit %d, said: %s%n",
                limitBlocks, file.length, canary.exitCode(), canary.output().strip());
        assertThat(canary.exitCode()).isEqualTo(1);
        assertThat(canary.output().strip().lines()).hasSize(1);
        assertThat(canary.output()).contains("Could not save the mesh state").contains("File too large");
        assertThat(rig.snapshot(MESH)).as("the mesh as served, unchanged").isEqualTo(before);
        assertThat(Files.readAllBytes(stateFile))
                .as("the state file, byte for byte")
                .isEqualTo(file);
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary file left behind")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }

        ChaosRig.kill9(limited.pid()); // a new control plane, without the limit, loads the file
        rig.startControlPlane(state, 0);
        assertThat(rig.snapshot(MESH))
                .as("the state file loads as the mesh it was")
                .isEqualTo(before);
    }
}
