package io.github.meshrefarch.mesh.rollout;

/**
 * A gate the canary did not keep.
 *
 * @param gate the gate, named as its option: {@code max-error-rate}, {@code max-p99}, {@code min-requests}, {@code
 *     split} (the observed split failed the split test), {@link #WEIGHTS} (the weights did not read back as set) or
 *     {@link #ROUTE_CHANGED} (someone else changed the route's weights since the rollout set them)
 * @param measured what was measured, e.g. {@code 29.8%}
 * @param limit the limit, e.g. {@code 1.0%}
 */
public record Breach(String gate, String measured, String limit) {

    /** The weights did not read back as set. */
    public static final String WEIGHTS = "weights";

    /** The route's weights are not those the rollout last set: measured what they are, limit what it had set. */
    public static final String ROUTE_CHANGED = "route-changed";

    /** Whether the breach is about the route rather than the canary's figures: judging again cannot clear it. */
    public boolean aboutTheRoute() {
        return gate.equals(WEIGHTS) || gate.equals(ROUTE_CHANGED);
    }

    /** E.g. {@code max-error-rate: measured 29.8%, limit 1.0%}. */
    public String describe() {
        return gate + ": measured " + measured + ", limit " + limit;
    }
}
