package io.github.meshrefarch.mesh.demo;

import java.util.List;

/**
 * One stage of the demo: optionally deploy workloads (as the original's {@code kubectl} scripts did), then run a
 * walkthrough step, then, while traffic flows, measure what order's answers show.
 *
 * @param step the walkthrough step number, e.g. {@code 03}
 * @param deployFirst workloads to start before the step
 * @param measured whether traffic is measured after it (not after step 99, which deletes the mesh)
 */
record DemoStep(String step, List<String> deployFirst, boolean measured) {

    /** The original walkthrough's order: steps 01..08 with the two deployments, then the teardown. */
    static final List<DemoStep> WALKTHROUGH = List.of(
            new DemoStep("01", List.of(), true),
            new DemoStep("02", List.of("product-v15"), true),
            new DemoStep("03", List.of(), true),
            new DemoStep("04", List.of(), true),
            new DemoStep("05", List.of("customer-v2"), true),
            new DemoStep("06", List.of(), true),
            new DemoStep("07", List.of(), true),
            new DemoStep("08", List.of(), true),
            new DemoStep("99", List.of(), false));
}
