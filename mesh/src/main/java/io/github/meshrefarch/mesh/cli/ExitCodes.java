package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.local.workloads.LocalModeException;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import io.github.meshrefarch.mesh.model.MeshOperationException;
import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The one place where failures become exit codes and one-line messages on stderr. */
final class ExitCodes implements IExecutionExceptionHandler {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNEXPECTED_STATE = 3;
    static final int INTERNAL = 4;

    private final BooleanSupplier verbose;

    ExitCodes(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    static int of(Throwable failure) {
        if (failure instanceof InvalidInputException || failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (failure instanceof MeshOperationException || failure instanceof LocalModeException) {
            return FAILED;
        }
        if (failure instanceof UnexpectedStateException) {
            return UNEXPECTED_STATE;
        }
        return INTERNAL;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        int code = of(failure);
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        commandLine.getErr().println("meshctl: " + (code == INTERNAL ? "internal error: " + failure : message));
        if (verbose.getAsBoolean()) {
            failure.printStackTrace(commandLine.getErr());
        } else if (code == INTERNAL) {
            commandLine.getErr().println("meshctl: rerun with --verbose for the stack trace, and please report it");
        }
        commandLine.getErr().flush();
        return code;
    }
}
