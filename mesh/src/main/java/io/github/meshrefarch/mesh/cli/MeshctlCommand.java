package io.github.meshrefarch.mesh.cli;

import picocli.CommandLine.Command;

@Command(
        name = "meshctl",
        mixinStandardHelpOptions = true,
        version = "meshctl 1.0.0",
        description = "Ship service versions safely behind App Mesh: canary, cut-over and rollback.",
        subcommands = {LocalCommand.class, LoadCommand.class, WatchCommand.class})
public final class MeshctlCommand {}
