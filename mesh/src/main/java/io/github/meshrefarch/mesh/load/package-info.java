/**
 * Load against HTTP endpoints and what order's answers reveal about the mesh.
 *
 * <ul>
 *   <li>{@link io.github.meshrefarch.mesh.load.LoadGenerator}: open-loop load at a fixed rate,
 *       latency from each request's scheduled time; a bounded run returns a {@link
 *       io.github.meshrefarch.mesh.load.LoadResult}, an unbounded {@link
 *       io.github.meshrefarch.mesh.load.LoadRun} hands out windows ({@code takeWindow()}) until
 *       {@code stop()}, and a listener sees every {@link io.github.meshrefarch.mesh.load.LoadResponse}.
 *   <li>{@link io.github.meshrefarch.mesh.load.OrderResponse} and {@link
 *       io.github.meshrefarch.mesh.load.OrderError}: order's 200 and 502/504 bodies.
 *   <li>{@link io.github.meshrefarch.mesh.load.SplitTally}, {@link
 *       io.github.meshrefarch.mesh.load.SplitCounts}, {@link io.github.meshrefarch.mesh.load.SplitCheck}
 *       and {@link io.github.meshrefarch.mesh.load.BinomialBounds}: versions counted per service and
 *       compared with the weights of the weighted targets.
 *   <li>{@link io.github.meshrefarch.mesh.load.Watch}: the live view behind {@code meshctl watch}.
 * </ul>
 *
 * A walkthrough step, as the demo would measure it:
 *
 * <pre>{@code
 * SplitTally tally = new SplitTally();
 * try (LoadRun run = LoadGenerator.start(LoadConfig.untilStopped(orderUrl, 100), response -> {
 *     if (response.succeeded()) tally.record(OrderResponse.parse(response.body()));
 * })) {
 *     // ... apply step 03, let traffic flow ...
 *     LoadResult load = run.takeWindow();        // sent, failed requests, latency of the step
 *     SplitCounts split = tally.takeWindow();    // versions seen during the step
 *     boolean ok = load.allSucceeded()
 *             && SplitCheck.allWithin(SplitCheck.check(split.versionsOf("Product"), Map.of("1.0", 75, "1.5", 25), 3));
 * }
 * }</pre>
 */
package io.github.meshrefarch.mesh.load;
