/**
 * Load against HTTP endpoints and what order's answers reveal about the mesh, one package per part:
 *
 * <ul>
 *   <li>{@code load.generator}: open-loop load at a fixed rate ({@code LoadGenerator}, {@code LoadRun},
 *       {@code LoadConfig}, {@code LoadResult}, {@code LoadReport}), latency from each request's
 *       scheduled time; a bounded run returns a {@code LoadResult}, an unbounded {@code LoadRun} hands
 *       out windows ({@code takeWindow()}) until {@code stop()}, and a listener sees every {@code
 *       LoadResponse}.
 *   <li>{@code load.order}: order's 200 and 502/504 bodies ({@code OrderResponse}, {@code OrderError}).
 *   <li>{@code load.split}: versions counted per service ({@code SplitTally}, {@code SplitCounts}) and
 *       compared with the weights of the weighted targets ({@code SplitCheck}, {@code BinomialBounds}).
 *   <li>{@code load.watch}: the live view behind {@code meshctl watch} ({@code Watch}).
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
