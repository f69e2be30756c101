package dev.orrery;

import dev.orrery.cli.OrreryCli;

/**
 * The program's entry point: with arguments it is the {@code orrery} command line, without it
 * opens the window. It is not a JavaFX Application itself, so the jar runs from a plain class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            OrreryCli.main(args);
        } else {
            dev.orrery.ui.OrreryApp.launchWindow(args);
        }
    }
}
