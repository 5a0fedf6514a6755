package io.github.meshrefarch.mesh.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = {
            "Stop every process the local mode started (workloads, then the mesh daemon), by process id.",
            "The mesh itself stays on disk for the next 'local up'; 'meshctl step 99' deletes it."
        })
final class LocalDownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions local;

    @Override
    public Integer call() {
        List<String> stopped = local.cluster(spec.commandLine().getErr()).down();
        spec.commandLine()
                .getOut()
                .println(stopped.isEmpty() ? "Nothing was running." : "Stopped " + String.join(", ", stopped) + ".");
        return ExitCodes.OK;
    }
}
