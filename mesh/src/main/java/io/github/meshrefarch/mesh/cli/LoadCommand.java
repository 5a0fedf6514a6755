package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.load.generator.LoadConfig;
import io.github.meshrefarch.mesh.load.generator.LoadGenerator;
import io.github.meshrefarch.mesh.load.generator.LoadReport;
import io.github.meshrefarch.mesh.load.generator.LoadResult;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Send GET requests to URL at a fixed rate and report throughput, latency percentiles and errors.",
            "Open loop: requests go out on schedule, not when earlier ones return, and each latency counts "
                    + "from its scheduled send time, so a stalling server shows in the percentiles."
        },
        footerHeading = "%nJSON output (-o json) on one line, shown wrapped; fields are only ever added:%n",
        footer = {
            "  {\"url\":\"http://127.0.0.1:8080/\", \"rate\":500.0, \"durationMs\":5000,",
            "   \"connections\":50, \"timeoutMs\":5000, \"sent\":2500, \"completed\":2500,",
            "   \"succeeded\":2497, \"elapsedMs\":5002.114, \"throughput\":499.8,",
            "   \"latencyMs\":{\"p50\":0.612, \"p90\":0.951, \"p99\":2.103, \"max\":8.301},",
            "   \"errors\":{\"total\":3, \"connection\":0, \"timeout\":0, \"status\":{\"502\":3}}}",
            "Latencies are in milliseconds from each request's scheduled send time, over HTTP",
            "responses of any status; throughput is completed requests per second."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every request was answered with a 2xx status",
            "1:the run completed but some requests failed (the report counts them by kind)",
            "2:invalid input; nothing was sent"
        })
final class LoadCommand implements Callable<Integer> {

    @ParentCommand
    private MeshctlCommand meshctl;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "the http:// or https:// URL to GET")
    private String url;

    @Option(names = "--rps", required = true, paramLabel = "N", description = "requests per second, > 0")
    private double rate;

    @Option(
            names = "--duration",
            required = true,
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "how long to send, e.g. 500ms, 10s, 1m")
    private Duration duration;

    @Option(
            names = "--connections",
            paramLabel = "C",
            defaultValue = "" + LoadConfig.DEFAULT_CONNECTIONS,
            description = "connection pool size, the cap on requests on the wire (default: ${DEFAULT-VALUE})")
    private int connections;

    @Option(
            names = "--timeout",
            paramLabel = "T",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "longest a request may take from its scheduled time (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Option(
            names = "--warm-up",
            paramLabel = "W",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = {
                "send at the same rate for W first and leave it out of the figures (default: none): "
                        + "the server's and this client's code then runs compiled, not interpreted, "
                        + "when the measured requests go out"
            })
    private Duration warmUp;

    @Override
    public Integer call() throws InterruptedException {
        LoadConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        boolean text = meshctl.output != MeshctlCommand.OutputFormat.json;
        if (!warmUp.isZero()) {
            LoadResult warmUpResult = LoadGenerator.run(config.withDuration(warmUp));
            if (text) {
                out.printf(
                        Locale.ROOT,
                        "warm-up     %.1f s, %d requests (%d failed), not counted%n",
                        warmUp.toMillis() / 1000.0,
                        warmUpResult.completed(),
                        warmUpResult.completed() - warmUpResult.succeeded());
            }
        }
        LoadResult result = LoadGenerator.run(config);
        if (text) {
            out.print(LoadReport.text(config, result));
        } else {
            out.println(LoadReport.json(config, result));
        }
        out.flush();
        return result.allSucceeded() ? 0 : 1;
    }

    private LoadConfig config() {
        try {
            return new LoadConfig(new URI(url), rate, duration, connections, timeout);
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "invalid URL '" + url + "': " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
