package dev.orrery.ui.sandbox;

import dev.orrery.store.OrreryHome;
import dev.orrery.store.RecentClusters;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this is Orrery's first start here, which starts the sandbox: no recent cluster and no cluster file. */
final class SandboxFirstRun {

    private SandboxFirstRun() {
    }

    /** Reads the disk: not on the FX thread. */
    static boolean isFirstRun(OrreryHome home) throws Exception {
        if ("off".equalsIgnoreCase(System.getenv("ORRERY_SANDBOX"))) {
            return false; // ORRERY_SANDBOX=off: a first start shows the empty window (timing checks, kiosks)
        }
        if (!new RecentClusters(home.recentFile()).list().isEmpty()) {
            return false;
        }
        Path dir = home.clustersDir();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".json"))) {
                    return false;
                }
            }
        }
        return true;
    }
}
