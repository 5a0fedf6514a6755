package io.github.meshrefarch.mesh.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code meshctl}. Nothing else in the program calls {@link System#exit}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** A usage error: one line saying what is wrong and where help is, not the whole usage text. */
    private static int usageError(CommandLine.ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("meshctl: " + error.getMessage());
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Runs one command line and returns its exit code; this is what tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        MeshctlCommand command = new MeshctlCommand();
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setAllowSubcommandsAsOptionParameters(true); // `--target local` names a target, not the `local` command
        cli.setExecutionExceptionHandler(new ExitCodes(() -> command.verbose));
        cli.setParameterExceptionHandler(Main::usageError);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
