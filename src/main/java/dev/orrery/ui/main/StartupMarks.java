package dev.orrery.ui.main;

/**
 * The moments of the window's start, made visible to the JVM's class-load log: each loads its own
 * empty class the first time it is reached, so {@code -Xlog:class+load:file=F:uptime} says when it
 * happened and which classes had loaded before it. The startup benchmark
 * ({@code src/it/java/dev/orrery/bench/StartupBenchmark}) reads the times from such a log, and
 * {@code ColdStartClassesTest} asserts that nothing the first frame does not need loads before
 * {@link #firstFrame()}. Costs one tiny class load each (from the CDS archive in the package), and
 * nothing at all when the log is off.
 */
public final class StartupMarks {
    private StartupMarks() {
    }

    /** The JavaFX toolkit is up and the app's {@code start(Stage)} runs. */
    public static void appStart() {
        AppStart.reached();
    }

    /** The window's scene graph is built (not yet shown). */
    public static void windowBuilt() {
        WindowBuilt.reached();
    }

    /** {@code stage.show()} returned: the native window exists. */
    public static void shown() {
        Shown.reached();
    }

    /** The first pulse has applied CSS and laid the scene out (its post-layout listener). */
    public static void firstLayout() {
        FirstLayout.reached();
    }

    /** The first pulse is over and its frame is with the renderer: work deferred to after the first frame starts now. */
    public static void firstFrame() {
        FirstFrame.reached();
    }

    // One class per moment: a class is logged when it loads, which here is when it is first reached.
    private static final class AppStart {
        static void reached() {
        }
    }

    private static final class WindowBuilt {
        static void reached() {
        }
    }

    private static final class Shown {
        static void reached() {
        }
    }

    private static final class FirstLayout {
        static void reached() {
        }
    }

    private static final class FirstFrame {
        static void reached() {
        }
    }
}
