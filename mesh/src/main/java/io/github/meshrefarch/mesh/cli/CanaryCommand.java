package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.MeshDescription;
import io.github.meshrefarch.mesh.model.Plan;
import io.github.meshrefarch.mesh.model.Reconciler;
import io.github.meshrefarch.mesh.model.Route;
import io.github.meshrefarch.mesh.model.RouteSelector;
import io.github.meshrefarch.mesh.model.Validator;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "canary",
        mixinStandardHelpOptions = true,
        description = {
            "Split a service's traffic between its virtual nodes.",
            "Example:",
            "  canary product product-vn=90 product-v15-vn=10",
            "Weights are integers 0..100 summing to 100, 1 to 10 nodes, each once."
        })
final class CanaryCommand implements Callable<Integer> {

    @ParentCommand
    MeshctlCommand meshctl;

    @Parameters(
            index = "0",
            paramLabel = "SERVICE",
            description = "Service (product), router (product-vr) or ROUTER/ROUTE.")
    String service;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NODE=WEIGHT", description = "Weighted targets.")
    List<String> targets;

    @Option(names = "--dry-run", description = "Read and plan only: make no change.")
    boolean dryRun;

    @Override
    public Integer call() {
        return setTargets(meshctl, service, parse(targets), dryRun);
    }

    /** Checks the targets, then sets them on the service's route and verifies them; shared with promote. */
    static int setTargets(MeshctlCommand meshctl, String service, List<WeightedTarget> targets, boolean dryRun) {
        List<String> problems = Validator.targetProblems(targets);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid weights for " + service + ": " + String.join("; ", problems));
        }
        try (MeshWriteLock writing = meshctl.writing(meshctl.mesh(), dryRun);
                MeshBackend backend = meshctl.backend()) {
            Reconciler reconciler = meshctl.reconciler(backend);
            MeshDescription current = reconciler.requireMesh(meshctl.mesh());
            Route route = RouteSelector.select(current, service);
            for (WeightedTarget target : targets) {
                if (current.virtualNode(target.virtualNode()).isEmpty()) {
                    throw new InvalidInputException(
                            "virtual node " + target.virtualNode() + " does not exist in mesh " + meshctl.mesh());
                }
            }
            Plan plan = reconciler.setTargets(meshctl.mesh(), List.of(route.withTargets(targets)), dryRun);
            meshctl.output().plan(plan, dryRun);
        }
        return ExitCodes.OK;
    }

    static List<WeightedTarget> parse(List<String> arguments) {
        List<WeightedTarget> targets = new ArrayList<>();
        for (String argument : arguments) {
            int equals = argument.lastIndexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException("'" + argument + "' is not NODE=WEIGHT, e.g. product-vn=90");
            }
            String weight = argument.substring(equals + 1);
            if (!weight.matches("-?\\d{1,9}")) {
                throw new InvalidInputException(
                        "weight '" + weight + "' of " + argument.substring(0, equals) + " is not an integer");
            }
            targets.add(new WeightedTarget(argument.substring(0, equals), Integer.parseInt(weight)));
        }
        return targets;
    }
}
