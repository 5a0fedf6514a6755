package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.model.MeshBackend;
import io.github.meshrefarch.mesh.model.Reconciler;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
        name = "meshctl",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
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
            ExportCommand.class,
            CallCommand.class,
            LoadCommand.class,
            WatchCommand.class,
            DemoCommand.class,
            CompletionCommand.class
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
            defaultValue = "${env:MESHCTL_TARGET:-local}",
            scope = ScopeType.INHERIT,
            converter = Target.Converter.class,
            description = "Where mesh calls go: local (the local control plane), aws (App Mesh) or gateway-api"
                    + " (a cluster's HTTPRoutes: Istio, Linkerd, Cilium, VPC Lattice)"
                    + " (default: $MESHCTL_TARGET, else local).")
    Target target;

    @Mixin
    GatewayApiOptions gatewayApi;

    @Option(
            names = "--endpoint-url",
            defaultValue = "${env:MESHCTL_ENDPOINT_URL}",
            scope = ScopeType.INHERIT,
            description = "App Mesh endpoint (default: $MESHCTL_ENDPOINT_URL, else http://127.0.0.1:9080 for local,"
                    + " the region's for aws).")
    URI endpointUrl;

    @Option(
            names = "--region",
            defaultValue = "${env:AWS_REGION}",
            scope = ScopeType.INHERIT,
            description = "AWS region (default: $AWS_REGION, else us-east-1 for local, the default region provider for"
                    + " aws).")
    String region;

    @Option(
            names = "--mesh",
            defaultValue = "${env:MESHCTL_MESH}",
            scope = ScopeType.INHERIT,
            description =
                    "Mesh name (default: $MESHCTL_MESH, else " + DEFAULT_MESH + ", or the description's for apply).")
    String mesh;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "${env:MESHCTL_OUTPUT:-text}",
            scope = ScopeType.INHERIT,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: $MESHCTL_OUTPUT, else text).")
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
        return AppMeshConnection.open(target.appMesh(), endpointUrl, region);
    }

    /** Opens this run's one mesh backend for the selected target; the caller closes it. */
    MeshBackend backend() {
        if (target == Target.GATEWAY_API) {
            return gatewayApi.open(line -> err().println(line));
        }
        return connect().backend();
    }

    /** Holds the write lock of {@code mesh} until closed (nothing for a dry run): see {@link MeshWriteLock}. */
    MeshWriteLock writing(String mesh, boolean dryRun) {
        return dryRun
                ? MeshWriteLock.none()
                : MeshWriteLock.acquire(LocalOptions.defaultStateDir(), target, mesh, err());
    }

    /** A reconciler over {@code backend}, reporting progress on stderr. */
    Reconciler reconciler(MeshBackend backend) {
        return new Reconciler(backend, line -> err().println(line));
    }
}
