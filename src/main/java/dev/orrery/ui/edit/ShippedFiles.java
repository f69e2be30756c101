package dev.orrery.ui.edit;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which cluster files must open as a copy: the examples shipped with Orrery ({@code
 * assets/examples} in a checkout, anything inside an installed app's own folder) and files we
 * may not write. Editing such a file must never write to it; the first change asks where to save.
 * Touches the disk: call it off the FX thread.
 */
public final class ShippedFiles {

    private ShippedFiles() {
    }

    /** Why {@code file} opens as a copy ("an example shipped with Orrery"), or empty when it is the user's own. */
    public static Optional<String> copyReason(Path file) {
        Path real = real(file);
        for (Path root : roots()) {
            if (real.startsWith(root)) {
                return Optional.of("an example shipped with Orrery");
            }
        }
        Path parent = real.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("examples")
                && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals("assets")) {
            return Optional.of("an example shipped with Orrery");
        }
        if (Files.exists(real) && !Files.isWritable(real)) {
            return Optional.of("a read-only file");
        }
        return Optional.empty();
    }

    /**
     * Where this Orrery's own files are: the checkout's examples when it runs from
     * {@code target/classes}, the app image when it runs from an installed jar.
     */
    static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        try {
            var source = ShippedFiles.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path code = Path.of(source.getLocation().toURI());
                if (Files.isDirectory(code)) {
                    // …/target/classes: the checkout is two levels up.
                    addIfPresent(roots, code.getParent() == null || code.getParent().getParent() == null ? null
                            : code.getParent().getParent().resolve("assets").resolve("examples"));
                } else if (code.getParent() != null) {
                    Path dir = code.getParent();
                    addIfPresent(roots, dir.resolve("examples"));
                    addIfPresent(roots, dir.getParent() == null ? null : dir.getParent().resolve("assets").resolve("examples"));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source to read: only the other rules apply
        }
        String appPath = System.getProperty("jpackage.app-path");
        if (appPath != null && !appPath.isBlank()) {
            // An installed app (/opt/orrery/bin/Orrery): everything in its image ships with it.
            Path image = Path.of(appPath).toAbsolutePath().getParent();
            addIfPresent(roots, image == null ? null : image.getParent());
        }
        return roots;
    }

    private static void addIfPresent(List<Path> roots, Path p) {
        if (p != null && Files.exists(p)) {
            roots.add(real(p));
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
