package io.github.meshrefarch.mesh.local.controlplane;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The defence against DNS rebinding: a web page whose name an attacker re-points to 127.0.0.1 could otherwise let a
 * browser change the local mesh. Its requests carry the attacker's name in {@code Host}; the control plane only answers
 * requests naming a loopback name or address with its own port, as every App Mesh client pointed at it does.
 */
final class LoopbackHosts {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private LoopbackHosts() {}

    /** Refuses (403 {@code ForbiddenException}) a {@code Host} header other than a loopback host with {@code port}. */
    static void check(String host, int port) {
        if (host == null || !allowed(host.strip().toLowerCase(Locale.ROOT), port)) {
            throw ApiException.forbidden(
                    "The Host header must name this machine's loopback interface with port %d (localhost:%d or"
                            + " 127.0.0.1:%d), not '%s'",
                    port, port, port, host == null ? "" : host);
        }
    }

    private static boolean allowed(String host, int port) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith("]")) { // no port: only when it is HTTP's default
            return port == 80 && loopbackName(host);
        }
        return host.substring(colon + 1).equals(Integer.toString(port)) && loopbackName(host.substring(0, colon));
    }

    private static boolean loopbackName(String name) {
        return name.equals("localhost")
                || name.equals("[::1]")
                || IPV4_LOOPBACK.matcher(name).matches();
    }
}
