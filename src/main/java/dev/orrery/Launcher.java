package dev.orrery;

import dev.orrery.cli.OrreryCli;

import java.util.Map;

/**
 * The program's entry point: with arguments it is the {@code orrery} command line, without it
 * opens the window. It is not a JavaFX Application itself, so the jar runs from a plain class path.
 * Where the window cannot open (no display), it says so with the command line's usage — never a
 * stack trace.
 */
public final class Launcher {
    /** Exit code when the window was asked for and cannot open. */
    static final int NO_WINDOW = 1;

    private Launcher() {
    }

    /** {@code orrery crater.json} opens that cluster in the window, as a file manager's "open with" does. */
    static boolean opensWindow(String[] args) {
        return args.length == 1 && args[0].endsWith(".json") && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]));
    }

    /**
     * Why the window cannot open here, or null when it may: on Linux a window needs an X or
     * Wayland display (headless Monocle, for tests and screenshots, needs none).
     */
    static String windowProblem(Map<String, String> env, String osName, String glassPlatform) {
        if (!osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux") || "Monocle".equalsIgnoreCase(glassPlatform)) {
            return null;
        }
        if (isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "the window needs a display, and there is none here (DISPLAY and WAYLAND_DISPLAY are not set). "
                + "The command line works without one:";
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank();
    }

    /**
     * {@code orrery --version} and {@code -V}: answered here, before anything else loads (no
     * command tree, no logging, no JavaFX), since scripts and shells call it often.
     */
    static boolean isVersion(String[] args) {
        return args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]));
    }

    public static void main(String[] args) {
        if (isVersion(args)) {
            System.out.println("orrery " + dev.orrery.model.Version.current());
            System.out.flush();
            return;
        }
        if (args.length == 0 || opensWindow(args)) {
            String problem = windowProblem(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"));
            if (problem != null) {
                noWindow(problem);
            }
            try {
                dev.orrery.ui.OrreryApp.launchWindow(args);
            } catch (RuntimeException | LinkageError e) {
                // A display that is set but unreachable ("Unable to open DISPLAY"), or no GTK.
                noWindow("the window could not open (" + (e.getMessage() != null ? e.getMessage() : "no display or GUI libraries")
                        + "). The command line works without one:");
            }
        } else {
            OrreryCli.main(args);
        }
    }

    private static void noWindow(String why) {
        System.err.println("orrery: " + why);
        System.err.println();
        System.err.print(OrreryCli.usage());
        System.err.flush();
        System.exit(NO_WINDOW);
    }
}
