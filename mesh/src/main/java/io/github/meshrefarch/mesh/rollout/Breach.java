package io.github.meshrefarch.mesh.rollout;

/**
 * A gate the canary did not keep.
 *
 * @param gate the gate, named as its option: {@code max-error-rate}, {@code max-p99}, {@code min-requests}, {@code
 *     split} (the observed split failed the split test), {@code weights} (the weights did not read back as set) or
 *     {@link #ROUTE_CHANGED} (someone else changed the route's weights since the rollout set them)
 * @param measured what was measured, e.g. {@code 29.8%}
 * @param limit the limit, e.g. {@code 1.0%}
 */
public record Breach(String gate, String measured, String limit) {

    /** The route's weights are not those the rollout last set: measured what they are, limit what it had set. */
    public static final String ROUTE_CHANGED = "route-changed";

    /** E.g. {@code max-error-rate: measured 29.8%, limit 1.0%}. */
    public String describe() {
        return gate + ": measured " + measured + ", limit " + limit;
    }
}
