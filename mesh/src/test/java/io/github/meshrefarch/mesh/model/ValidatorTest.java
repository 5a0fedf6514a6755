package io.github.meshrefarch.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {

    static Stream<Arguments> badTargets() {
        List<WeightedTarget> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new WeightedTarget("n" + i, i == 0 ? 0 : 10));
        }
        return Stream.of(
                Arguments.of(List.of(), "a route needs 1 to 10 weighted targets, got 0"),
                Arguments.of(eleven, "a route needs 1 to 10 weighted targets, got 11"),
                Arguments.of(List.of(new WeightedTarget("a", 60), new WeightedTarget("b", 30)), "weights sum to 90"),
                Arguments.of(
                        List.of(new WeightedTarget("a", 101), new WeightedTarget("b", -1)),
                        "weight 101 of a is outside 0..100"),
                Arguments.of(
                        List.of(new WeightedTarget("a", 50), new WeightedTarget("a", 50)),
                        "virtual node a is a target twice"));
    }

    @ParameterizedTest
    @MethodSource("badTargets")
    void targetProblems_nameWhatIsWrong(List<WeightedTarget> targets, String problem) {
        assertThat(Validator.targetProblems(targets))
                .anySatisfy(p -> assertThat(p).contains(problem));
    }

    @Test
    void targetProblems_acceptsACanarySplitAndAZeroWeight() {
        assertThat(Validator.targetProblems(List.of(new WeightedTarget("a", 75), new WeightedTarget("b", 25))))
                .isEmpty();
        assertThat(Validator.targetProblems(List.of(new WeightedTarget("a", 100), new WeightedTarget("b", 0))))
                .isEmpty();
    }

    @Test
    void requireValid_namesEveryDanglingReferenceAndBadListener() {
        MeshDescription description = new MeshDescription(
                "m",
                List.of(new VirtualNode("a-vn", "a.local", new Listener(0, "smtp"), List.of("ghost.local"))),
                List.of(),
                List.of(new Route("a-r", "ghost-vr", "/", List.of(new WeightedTarget("ghost-vn", 100)), null)),
                List.of(new VirtualService("a.local", "ghost-vr")));

        assertThatThrownBy(() -> Validator.requireValid("demo.yaml", description))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("demo.yaml: ")
                .hasMessageContaining("virtualNodes[0].listener.port 0 is outside 1..65535")
                .hasMessageContaining(
                        "virtualNodes[0].listener.protocol must be one of http, http2, grpc, tcp, got smtp")
                .hasMessageContaining("virtualNodes[0].backends: virtual service ghost.local does not exist")
                .hasMessageContaining("routes[0].virtualRouter: virtual router ghost-vr does not exist")
                .hasMessageContaining("routes[0].weightedTargets: virtual node ghost-vn does not exist")
                .hasMessageContaining("virtualServices[0].virtualRouter: virtual router ghost-vr does not exist");
    }

    @Test
    void requireValid_rejectsDuplicatesAndMissingNames() {
        MeshDescription description = new MeshDescription(
                "m",
                List.of(
                        new VirtualNode("a-vn", "a", null, null),
                        new VirtualNode("a-vn", "a", null, null),
                        new VirtualNode(null, "b", null, null)),
                List.of(),
                List.of(),
                List.of());

        assertThatThrownBy(() -> Validator.requireValid("d.yaml", description))
                .hasMessageContaining("virtualNodes: a-vn is declared twice")
                .hasMessageContaining("virtualNodes[2].name is missing");
    }
}
