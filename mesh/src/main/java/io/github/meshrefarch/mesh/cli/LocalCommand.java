package io.github.meshrefarch.mesh.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = "Run the mesh on this machine: App Mesh control plane, data plane and workloads.",
        subcommands = {
            LocalUpCommand.class,
            LocalDownCommand.class,
            LocalStatusCommand.class,
            LocalDeployCommand.class,
            LocalUndeployCommand.class,
            LocalControlPlaneCommand.class,
            LocalDaemonCommand.class
        })
final class LocalCommand {

    @ParentCommand
    MeshctlCommand meshctl;
}
