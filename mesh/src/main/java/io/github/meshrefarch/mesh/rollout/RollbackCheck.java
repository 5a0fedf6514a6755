package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.load.split.SplitVerdict;

/**
 * How a rollback was verified: the route's targets read back as the baseline alone, and, when traffic is sampled,
 * no answer came from the canary afterwards (a weight of 0 is exact: one such answer is a misroute).
 *
 * @param weightsReadBack the route read back as the baseline at 100
 * @param split order's answers after the rollback, tested against baseline 100, canary 0; {@code null} when no
 *     traffic is sampled
 */
public record RollbackCheck(boolean weightsReadBack, SplitVerdict split) {

    /** Whether everything checked held. */
    public boolean verified() {
        return weightsReadBack && (split == null || split.within());
    }

    /** E.g. {@code rollback verified: weights read back, 212 answers, none from the canary}. */
    public String describe() {
        String traffic;
        if (split == null) {
            traffic = "traffic not sampled";
        } else if (split.samples() == 0) {
            traffic = "NO ANSWER from order to verify with";
        } else {
            traffic =
                    split.samples() + " answers, " + (split.within() ? "none from the canary" : "SOME FROM THE CANARY");
        }
        return (verified() ? "rollback verified: " : "ROLLBACK NOT VERIFIED: ") + "weights read back, " + traffic;
    }
}
