package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.model.InvalidInputException;
import java.io.Console;
import java.util.Locale;
import java.util.Map;

/** What meshctl may do with the terminal it runs in: redraw with ANSI escapes, ask a question. */
final class Terminal {

    private Terminal() {}

    /**
     * Whether ANSI escapes may be written: on a terminal, unless {@code NO_COLOR} is set (to anything but empty, see
     * no-color.org) or {@code TERM} is {@code dumb}.
     */
    static boolean ansi(boolean onTerminal, Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        return onTerminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM"));
    }

    static boolean ansi() {
        return ansi(System.console() != null, System.getenv());
    }

    /**
     * A destructive change to a remote target needs consent: {@code --yes}, or "y" typed at the prompt when on a
     * terminal. Without a terminal and without {@code --yes} it is refused before any call (exit 2). The local control
     * plane needs none.
     */
    static void confirm(Target target, boolean yes, String what) {
        if (yes || target == Target.LOCAL) {
            return;
        }
        String targetName = target.toString();
        Console console = System.console();
        if (console == null) {
            throw new InvalidInputException(
                    "refusing to " + what + " on target " + targetName + " without --yes (no terminal to ask)");
        }
        String answer = console.readLine("About to %s on target %s. Continue? [y/N] ", what, targetName);
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
            throw new InvalidInputException("not confirmed: nothing was changed");
        }
    }
}
