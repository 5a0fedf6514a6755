package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = "Send all of a service's traffic to one virtual node (full cut-over).")
final class PromoteCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Parameters(
            index = "0",
            paramLabel = "SERVICE",
            description = "Service (product), router (product-vr) or ROUTER/ROUTE.")
    String service;

    @Parameters(index = "1", paramLabel = "NODE", description = "Virtual node to receive 100%, e.g. product-v15-vn.")
    String node;

    @Option(names = "--dry-run", description = "Read and plan only: make no change.")
    boolean dryRun;

    @Override
    public Integer call() {
        return CanaryCommand.setTargets(meshctl, service, List.of(new WeightedTarget(node, 100)), dryRun);
    }
}
