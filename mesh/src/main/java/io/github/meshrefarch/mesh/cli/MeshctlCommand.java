package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.appmesh.AppMeshTarget;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.Reconciler;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
        name = "meshctl",
        mixinStandardHelpOptions = true,
        version = "meshctl 1.0.0",
        description = "Ship service versions safely behind App Mesh: canary, cut-over and rollback.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the operation failed (App Mesh error, endpoint unreachable)",
            "2:usage error or invalid input; nothing was changed",
            "3:unexpected state (mesh or route missing, weights not as set)",
            "4:internal error (a bug: rerun with --verbose and report it)"
        },
        subcommands = {
            LocalCommand.class,
            ApplyCommand.class,
            StepsCommand.class,
            StepCommand.class,
            StatusCommand.class,
            CanaryCommand.class,
            PromoteCommand.class,
            RollbackCommand.class,
            RolloutCommand.class,
            DeleteCommand.class,
            CallCommand.class,
            LoadCommand.class,
            WatchCommand.class,
            DemoCommand.class
        })
public final class MeshctlCommand {

    /** The mesh every command works on unless {@code --mesh} says otherwise. */
    public static final String DEFAULT_MESH = "demomesh";

    /** How to print data on stdout: tables for people, JSON for scripts (a stable contract). */
    public enum OutputFormat {
        text,
        json
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--target",
            defaultValue = "local",
            scope = ScopeType.INHERIT,
            description = "Where App Mesh calls go: local (the local control plane) or aws (default: local).")
    AppMeshTarget target;

    @Option(
            names = "--endpoint-url",
            scope = ScopeType.INHERIT,
            description = "App Mesh endpoint (default: http://127.0.0.1:9080 for local, the region's for aws).")
    URI endpointUrl;

    @Option(
            names = "--region",
            scope = ScopeType.INHERIT,
            description = "AWS region (default: us-east-1 for local, the default region provider for aws).")
    String region;

    @Option(
            names = "--mesh",
            scope = ScopeType.INHERIT,
            description = "Mesh name (default: " + DEFAULT_MESH + ", or the description's for apply).")
    String mesh;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "text",
            scope = ScopeType.INHERIT,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    String mesh() {
        return mesh != null ? mesh : DEFAULT_MESH;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Output output() {
        return new Output(out(), output);
    }

    /** The repository root: where {@code mesh/steps} and {@code mesh/demomesh.yaml} live (set by ./meshctl). */
    static Path root() {
        return Path.of(System.getProperty("meshctl.root", "."));
    }

    /** Opens this run's one App Mesh connection; the caller closes it. Only for raw App Mesh calls. */
    AppMeshConnection connect() {
        return AppMeshConnection.open(target, endpointUrl, region);
    }

    /** Opens this run's one mesh backend for the selected target; the caller closes it. */
    MeshBackend backend() {
        return connect().backend();
    }

    /** A reconciler over {@code backend}, reporting progress on stderr. */
    Reconciler reconciler(MeshBackend backend) {
        return new Reconciler(backend, line -> err().println(line));
    }
}
