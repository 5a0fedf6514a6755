package io.github.meshrefarch.mesh.rollout;

import io.github.meshrefarch.mesh.load.split.SplitCheck;
import io.github.meshrefarch.mesh.load.split.SplitVerdict;
import java.util.Locale;
import java.util.stream.Collectors;

/** A split for people: {@code 1.0 2250 (75.0%) / 1.5 750 (25.0%)} observed, {@code 1.0 75% / 1.5 25%} configured. */
public final class SplitText {

    private SplitText() {}

    public static String observed(SplitVerdict split) {
        if (split.samples() == 0) {
            return "no answer";
        }
        return split.checks().stream()
                .map(c -> String.format(
                        Locale.ROOT, "%s %d (%.1f%%)", c.version(), c.observed(), 100.0 * c.observed() / c.samples()))
                .collect(Collectors.joining(" / "));
    }

    public static String configured(SplitVerdict split) {
        return split.checks().stream()
                .map(c -> c.version() + " " + Math.round(c.expectedShare() * 100) + "%")
                .collect(Collectors.joining(" / "));
    }

    /** {@code 25.0%}: the observed share of one version. */
    static String share(SplitCheck check) {
        return String.format(
                Locale.ROOT, "%.1f%%", check.samples() == 0 ? 0 : 100.0 * check.observed() / check.samples());
    }
}
