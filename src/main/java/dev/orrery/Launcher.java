package dev.orrery;

import dev.orrery.cli.OrreryCli;

/**
 * The program's entry point: with arguments it is the {@code orrery} command line, without it
 * opens the window. It is not a JavaFX Application itself, so the jar runs from a plain class path.
 */
public final class Launcher {
    private Launcher() {
    }

    /** {@code orrery crater.json} opens that cluster in the window, as a file manager's "open with" does. */
    static boolean opensWindow(String[] args) {
        return args.length == 1 && args[0].endsWith(".json") && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]));
    }

    public static void main(String[] args) {
        if (args.length == 0 || opensWindow(args)) {
            dev.orrery.ui.OrreryApp.launchWindow(args);
        } else {
            OrreryCli.main(args);
        }
    }
}
