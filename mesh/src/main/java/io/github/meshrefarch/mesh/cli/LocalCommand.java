package io.github.meshrefarch.mesh.cli;

import picocli.CommandLine.Command;

@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = "Run the mesh on this machine: App Mesh control plane, data plane and workloads.",
        subcommands = {LocalControlPlaneCommand.class})
final class LocalCommand {}
