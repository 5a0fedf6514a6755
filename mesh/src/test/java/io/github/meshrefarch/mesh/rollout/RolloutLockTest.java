package io.github.meshrefarch.mesh.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meshrefarch.mesh.model.UnexpectedStateException;
import io.github.meshrefarch.mesh.model.WeightedTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutLockTest {

    @TempDir
    Path stateDir;

    @Test
    void secondAcquire_ofTheSameRoute_isRefusedWithTheHolder_andFreeAgainAfterClose() {
        try (RolloutLock lock = RolloutLock.acquire(stateDir, "demomesh", "product-vr/product-r", "product-v15-vn")) {
            lock.recorder()
                    .stepStarted(
                            2,
                            10,
                            List.of(new WeightedTarget("product-vn", 80), new WeightedTarget("product-v15-vn", 20)));

            assertThatThrownBy(() -> RolloutLock.acquire(stateDir, "demomesh", "product-vr/product-r", "x-vn"))
                    .isInstanceOf(UnexpectedStateException.class)
                    .hasMessageContaining("a rollout of product-vr/product-r in mesh demomesh is in progress")
                    .hasMessageContaining("step 2/10 (canary 20%)")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(RolloutLock.inProgress(stateDir))
                    .singleElement()
                    .satisfies(holder -> assertThat(holder.describe())
                            .startsWith("product-vr/product-r -> product-v15-vn: step 2/10 (canary 20%) since "));
            RolloutLock.acquire(stateDir, "demomesh", "customer-vr/customer-r", "customer-v2-vn")
                    .close();
        }

        assertThat(RolloutLock.inProgress(stateDir)).isEmpty();
        RolloutLock.acquire(stateDir, "demomesh", "product-vr/product-r", "product-v15-vn")
                .close();
    }

    @Test
    void lockFileOfADeadProcess_isNotARolloutInProgress() throws Exception {
        Path file = RolloutLock.file(stateDir, "demomesh", "product-vr/product-r");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file, "999999999\tdemomesh\tproduct-vr/product-r\tproduct-v15-vn\t1/10\t2026-11-29T21:00:00Z\n");

        assertThat(RolloutLock.inProgress(stateDir)).isEmpty();
        RolloutLock.acquire(stateDir, "demomesh", "product-vr/product-r", "product-v15-vn")
                .close();
    }
}
