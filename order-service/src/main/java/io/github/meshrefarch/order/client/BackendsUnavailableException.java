package io.github.meshrefarch.order.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or both backends failed; the failures are listed in the fixed order product, customer. The message (for the log)
 * joins their full details, {@link #publicDetail()} what an answer may show.
 */
public class BackendsUnavailableException extends RuntimeException {

    private final List<BackendException> failures;

    public BackendsUnavailableException(List<BackendException> failures) {
        super(failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")), null, false, false);
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("at least one failure expected");
        }
        this.failures = List.copyOf(failures);
    }

    public List<BackendException> failures() {
        return failures;
    }

    /** Every failure's public detail (backend and kind of failure, no URL), joined in the fixed order. */
    public String publicDetail() {
        return failures.stream().map(BackendException::publicDetail).collect(Collectors.joining("; "));
    }

    /** Names of the failed backends, e.g. {@code product} or {@code product and customer}. */
    public String backends() {
        return failures.stream().map(BackendException::backend).collect(Collectors.joining(" and "));
    }

    /** Whether every failure was a timeout (a gateway timeout rather than a bad gateway). */
    public boolean allTimedOut() {
        return failures.stream().allMatch(BackendException::timedOut);
    }
}
