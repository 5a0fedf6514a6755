package io.github.meshrefarch.mesh.load.watch;

import io.github.meshrefarch.mesh.load.generator.Formats;
import io.github.meshrefarch.mesh.load.generator.LoadConfig;
import io.github.meshrefarch.mesh.load.generator.LoadGenerator;
import io.github.meshrefarch.mesh.load.generator.LoadResponse;
import io.github.meshrefarch.mesh.load.generator.LoadRun;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls order continuously and shows, once a second, the share of each backend version over a
 * sliding window, with errors and latency: redrawn in place on a terminal (ANSI), one line per
 * second otherwise. Runs until its duration has passed or {@link #stop()} is called.
 */
public final class Watch {

    public static final URI DEFAULT_URL = URI.create("http://localhost:8080/");
    public static final double DEFAULT_RATE = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    private static final long TICK = TimeUnit.SECONDS.toNanos(1);
    private static final int CONNECTIONS = 16;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final String REDRAW = "\033[%dF\033[J";

    /**
     * @param url the order endpoint
     * @param rate requests per second
     * @param window how far back the shares reach, whole seconds
     * @param duration how long to watch; {@code null} until {@link #stop()}
     */
    public record Options(URI url, double rate, Duration window, Duration duration) {
        public Options {
            new LoadConfig(url, rate, duration, CONNECTIONS, REQUEST_TIMEOUT); // validates the shared fields
            if (window == null || window.toMillis() < 1000 || window.toMillisPart() != 0) {
                throw new IllegalArgumentException("window must be a whole number of seconds, at least 1s, got "
                        + (window == null ? null : Formats.duration(window)));
            }
        }
    }

    private final Options options;
    private final PrintWriter out;
    private final boolean terminal;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** How snapshots are printed: a block redrawn in place, a summary line each, or a JSON object per line. */
    public enum Display {
        REDRAW,
        LINES,
        JSON
    }

    private final Display display;

    public Watch(Options options, PrintWriter out, boolean terminal) {
        this(options, out, terminal ? Display.REDRAW : Display.LINES);
    }

    public Watch(Options options, PrintWriter out, Display display) {
        this.options = options;
        this.out = out;
        this.terminal = display == Display.REDRAW;
        this.display = display;
    }

    /** Watches until the duration has passed or {@link #stop()}, printing as it goes; returns the last view. */
    public WatchSnapshot run() throws InterruptedException {
        try {
            LoadConfig config = new LoadConfig(options.url(), options.rate(), null, CONNECTIONS, REQUEST_TIMEOUT);
            AtomicReference<WatchWindow> window = new AtomicReference<>();
            try (LoadRun run = LoadGenerator.start(config, response -> record(window.get(), response))) {
                // start() returns after warming the client up: the window and the clock start now
                window.set(new WatchWindow((int) options.window().toSeconds(), System::nanoTime));
                return loop(window.get());
            }
        } finally {
            finished.countDown();
        }
    }

    private WatchSnapshot loop(WatchWindow window) throws InterruptedException {
        long start = System.nanoTime();
        long end = options.duration() == null
                ? Long.MAX_VALUE
                : start + options.duration().toNanos();
        int drawn = 0;
        for (long tick = start + TICK; ; tick += TICK) {
            long wake = Math.min(tick, end);
            boolean stopped = stopRequested.await(Math.max(0, wake - System.nanoTime()), TimeUnit.NANOSECONDS);
            WatchSnapshot snapshot = window.snapshot();
            drawn = render(snapshot, Math.round((System.nanoTime() - start) / 1e9), drawn);
            if (stopped || System.nanoTime() - end >= 0) {
                return snapshot;
            }
        }
    }

    private static void record(WatchWindow window, LoadResponse response) {
        if (window != null) { // null only for a response racing the window's creation
            window.record(response);
        }
    }

    /** Asks {@link #run()} to draw a last time and return; safe from any thread, e.g. a shutdown hook. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Waits until {@link #run()} has returned and released its connections. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private int render(WatchSnapshot snapshot, long elapsedSeconds, int drawn) {
        if (!terminal) {
            out.println(
                    display == Display.JSON
                            ? WatchView.json(elapsedSeconds, snapshot)
                            : WatchView.line(elapsedSeconds, snapshot));
            out.flush();
            return 0;
        }
        String header = "watch " + options.url() + "   " + Formats.decimal(options.rate()) + " requests/s   window "
                + Formats.duration(options.window()) + "   elapsed " + elapsedSeconds + "s   (Ctrl-C to stop)";
        List<String> lines = WatchView.block(header, snapshot);
        if (drawn > 0) {
            out.print(String.format(REDRAW, drawn));
        }
        lines.forEach(out::println);
        out.flush();
        return lines.size();
    }
}
