package io.github.meshrefarch.mesh.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print a shell completion script for meshctl's commands and options.",
            "bash: source <(meshctl completion bash)   zsh: source <(meshctl completion zsh)"
        })
final class CompletionCommand implements Callable<Integer> {

    enum Shell {
        bash,
        zsh
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        // picocli's script serves both: in zsh it turns on zsh's bash completion emulation itself
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("meshctl", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
