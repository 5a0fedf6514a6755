package io.github.meshrefarch.mesh.demo;

import io.github.meshrefarch.mesh.local.workloads.LocalTopology;
import io.github.meshrefarch.mesh.local.workloads.Workload;
import io.github.meshrefarch.mesh.model.Step;
import io.github.meshrefarch.mesh.model.StepCatalog;
import io.github.meshrefarch.mesh.model.VirtualNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One stage of the demo: optionally deploy workloads (as the original's {@code kubectl} scripts did), then run a
 * walkthrough step, then, while traffic flows, measure what order's answers show.
 *
 * @param step the walkthrough step number, e.g. {@code 03}
 * @param deployFirst workloads to start before the step
 * @param measured whether traffic is measured after it (not after step 99, which deletes the mesh)
 */
record DemoStep(String step, List<String> deployFirst, boolean measured) {

    /**
     * The walkthrough's steps in order; before a step that adds virtual nodes, the workloads serving them that {@code
     * local up} did not start (step 02 adds product-v15-vn: product-v15 is deployed first); a step that deletes the
     * mesh is not measured.
     */
    static List<DemoStep> of(StepCatalog steps, LocalTopology topology) {
        return steps.steps().stream().map(step -> of(step, topology)).toList();
    }

    private static DemoStep of(Step step, LocalTopology topology) {
        Set<String> added = step.kind() == Step.Kind.APPLY
                ? step.content().apply().virtualNodes().stream()
                        .map(VirtualNode::name)
                        .collect(Collectors.toSet())
                : Set.of();
        List<String> deploy = topology.workloads().values().stream()
                .filter(w -> added.contains(w.virtualNode()))
                .map(Workload::name)
                .filter(name -> !topology.initialWorkloads().contains(name))
                .toList();
        return new DemoStep(step.number(), deploy, step.kind() != Step.Kind.DELETE);
    }
}
