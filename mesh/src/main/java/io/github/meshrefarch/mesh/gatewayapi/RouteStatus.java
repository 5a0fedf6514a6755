package io.github.meshrefarch.mesh.gatewayapi;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an HTTPRoute's status says about one generation of it, for every parent in its spec: live
 * when every controller reporting on every parent has {@code Accepted=True} and {@code
 * ResolvedRefs=True} for that generation, rejected when one says {@code Accepted=False}, else
 * pending. A condition without {@code observedGeneration} (Linkerd omits it) counts as current:
 * {@link #generationUnknown} then says that only traffic can prove the change. Pure.
 */
record RouteStatus(State state, String detail, boolean generationUnknown) {

    enum State {
        LIVE,
        PENDING,
        REJECTED
    }

    static RouteStatus of(HTTPRoute route, Long generation) {
        List<String> pending = new ArrayList<>();
        boolean unknown = false;
        for (ParentReference parent : route.getSpec().getParentRefs()) {
            List<RouteParentStatus> reports = route.getStatus() == null
                    ? List.of()
                    : route.getStatus().getParents().stream()
                            .filter(p -> p.getParentRef() != null && sameParent(p.getParentRef(), parent))
                            .toList();
            if (reports.isEmpty()) {
                pending.add(describe(parent) + ": no controller has reported on it yet");
            }
            for (RouteParentStatus report : reports) {
                String who = describe(parent) + " (" + report.getControllerName() + ")";
                Optional<Condition> accepted = current(report, "Accepted", generation);
                Optional<Condition> resolved = current(report, "ResolvedRefs", generation);
                if (accepted.isPresent() && "False".equals(accepted.get().getStatus())) {
                    return new RouteStatus(
                            State.REJECTED, who + " did not accept it: " + reason(accepted.get()), false);
                }
                unknown |= missingGeneration(accepted) || missingGeneration(resolved);
                if (accepted.isEmpty() || !"True".equals(accepted.get().getStatus())) {
                    pending.add(who + ": Accepted " + shown(report, "Accepted", generation));
                } else if (resolved.isEmpty() || !"True".equals(resolved.get().getStatus())) {
                    pending.add(who + ": ResolvedRefs " + shown(report, "ResolvedRefs", generation));
                }
            }
        }
        return pending.isEmpty()
                ? new RouteStatus(State.LIVE, "accepted, references resolved", unknown)
                : new RouteStatus(State.PENDING, String.join("; ", pending), unknown);
    }

    /** The condition if it speaks of {@code generation} (or of no generation at all). */
    private static Optional<Condition> current(RouteParentStatus report, String type, Long generation) {
        return report.getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .filter(c -> c.getObservedGeneration() == null
                        || generation == null
                        || c.getObservedGeneration().longValue() == generation)
                .findFirst();
    }

    private static String shown(RouteParentStatus report, String type, Long generation) {
        return report.getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .map(c -> (Objects.equals(c.getObservedGeneration(), generation) || c.getObservedGeneration() == null)
                        ? c.getStatus() + " " + reason(c)
                        : "not yet reported for generation " + generation + " (last for " + c.getObservedGeneration()
                                + ")")
                .orElse("not reported yet");
    }

    private static String reason(Condition condition) {
        String message =
                condition.getMessage() == null || condition.getMessage().isBlank() ? "" : ": " + condition.getMessage();
        return Objects.requireNonNullElse(condition.getReason(), "(no reason)") + message;
    }

    static String describe(ParentReference parent) {
        String kind = parent.getKind() == null ? "Gateway" : parent.getKind();
        String section = parent.getSectionName() != null
                ? "/" + parent.getSectionName()
                : parent.getPort() != null ? ":" + parent.getPort() : "";
        return kind + " " + parent.getName() + section;
    }

    /** Same parent, defaults applied; a namespace only counts when both sides give one (controllers may echo it). */
    private static boolean sameParent(ParentReference reported, ParentReference spec) {
        ParentReference a = withoutNamespace(reported);
        ParentReference b = withoutNamespace(spec);
        return HttpRouteMapping.sameParent(a, b)
                && (reported.getNamespace() == null
                        || spec.getNamespace() == null
                        || reported.getNamespace().equals(spec.getNamespace()));
    }

    private static ParentReference withoutNamespace(ParentReference parent) {
        return new ParentReference(
                parent.getGroup(), parent.getKind(), parent.getName(), null, parent.getPort(), parent.getSectionName());
    }

    private static boolean missingGeneration(Optional<Condition> condition) {
        return condition.isPresent() && condition.get().getObservedGeneration() == null;
    }
}
