package io.github.meshrefarch.mesh.local.workloads;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Configuration a user passes to a workload with {@code local deploy --env KEY=VALUE}, e.g. {@code
 * FAULT_ERROR_RATE=0.3} or {@code FAULT_DELAY_MS=300} for a bad canary. Keys are environment variable names; the
 * variables the local mode sets itself (name, version, address, port) cannot be overridden.
 */
public final class WorkloadEnvironment {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED =
            Set.of("SERVICE_NAME", "SERVICE_VERSION", "SERVER_PORT", "SERVER_ADDRESS");

    private WorkloadEnvironment() {}

    /**
     * Parses {@code KEY=VALUE} pairs (the value may be empty and may hold {@code =}); a later pair for the same key
     * wins.
     *
     * @throws InvalidInputException naming the first pair that is not valid
     */
    public static Map<String, String> parse(List<String> pairs) {
        var environment = new TreeMap<String, String>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new InvalidInputException("--env '" + pair + "' is not KEY=VALUE (e.g. FAULT_ERROR_RATE=0.3)");
            }
            String key = pair.substring(0, equals);
            if (!KEY.matcher(key).matches()) {
                throw new InvalidInputException("--env '" + pair + "': '" + key
                        + "' is not an environment variable name (letters, digits and _, not starting with a digit)");
            }
            if (RESERVED.contains(key)) {
                throw new InvalidInputException(
                        "--env '" + pair + "': " + key + " is set by the local mode itself and cannot be overridden");
            }
            environment.put(key, pair.substring(equals + 1));
        }
        return environment;
    }

    /** {@code A=1 B=2}, sorted by key; {@code -} when empty. */
    public static String format(Map<String, String> environment) {
        if (environment == null || environment.isEmpty()) {
            return "-";
        }
        var text = new StringBuilder();
        new TreeMap<>(environment)
                .forEach((key, value) -> text.append(text.isEmpty() ? "" : " ")
                        .append(key)
                        .append('=')
                        .append(value));
        return text.toString();
    }
}
