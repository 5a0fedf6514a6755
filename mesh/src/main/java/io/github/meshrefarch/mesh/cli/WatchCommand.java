package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.load.watch.Watch;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Call order continuously and show, per backend, the share of each version over a sliding window, "
                    + "with errors and latency.",
            "Redrawn in place on a terminal; one summary line per second otherwise (or with --plain, NO_COLOR or TERM=dumb). "
                    + "Stops on Ctrl-C or after --duration."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:watched until stopped or --duration passed", "2:invalid input; nothing was sent"})
final class WatchCommand implements Callable<Integer> {

    private static final Duration HOOK_WAIT = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "URL",
            defaultValue = "http://localhost:8080/",
            description = "the order endpoint (default: ${DEFAULT-VALUE})")
    private String url;

    @Option(
            names = "--rps",
            paramLabel = "N",
            defaultValue = "20",
            description = "requests per second (default: ${DEFAULT-VALUE})")
    private double rate;

    @Option(
            names = "--window",
            paramLabel = "W",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "how far back the shares reach, whole seconds (default: ${DEFAULT-VALUE})")
    private Duration window;

    @Option(
            names = "--duration",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "stop after this long, e.g. 30s (default: until Ctrl-C)")
    private Duration duration;

    @Option(names = "--plain", description = "one line per second even on a terminal")
    private boolean plain;

    @Override
    public Integer call() throws InterruptedException {
        boolean json = ((MeshctlCommand) spec.root().userObject()).output == MeshctlCommand.OutputFormat.json;
        Watch.Display display =
                json ? Watch.Display.JSON : !plain && Terminal.ansi() ? Watch.Display.REDRAW : Watch.Display.LINES;
        Watch watch = new Watch(options(), spec.commandLine().getOut(), display);
        Thread hook = new Thread(() -> stopAndWait(watch), "meshctl-watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            watch.run();
        } finally {
            removeHook(hook);
        }
        return 0;
    }

    private Watch.Options options() {
        try {
            return new Watch.Options(new URI(url), rate, window, duration);
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "invalid URL '" + url + "': " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** On Ctrl-C: let the watch draw once more and close its connections before the JVM exits. */
    private static void stopAndWait(Watch watch) {
        watch.stop();
        try {
            watch.awaitFinished(HOOK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and finishes the watch
        }
    }
}
