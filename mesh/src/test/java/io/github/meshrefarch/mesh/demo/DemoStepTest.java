package io.github.meshrefarch.mesh.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meshrefarch.mesh.local.workloads.LocalTopology;
import io.github.meshrefarch.mesh.model.DescriptionReader;
import io.github.meshrefarch.mesh.model.StepCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoStepTest {

    @Test
    void of_walkthrough_deploysEachVersionBeforeTheStepThatAddsItsNodeAndMeasuresAllButTheTeardown() {
        LocalTopology topology = LocalTopology.of(DescriptionReader.readDescription(Path.of("demomesh.yaml")));

        List<DemoStep> steps = DemoStep.of(new StepCatalog(Path.of("steps")), topology);

        assertThat(steps)
                .containsExactly(
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
}
