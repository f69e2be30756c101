package dev.orrery.engine.state;

import dev.orrery.model.Release;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short name of a release for node cards: the version in the bundle's file name
 * ({@code crater-v3.jar} → {@code v3}, {@code app-1.4.2.tar.gz} → {@code 1.4.2}), else the id's
 * checksum part ({@code 20261201-084551-9f3c2a1b} → {@code 9f3c2a1b}). The full id stays in the
 * inspector and the tooltip.
 */
public final class ReleaseLabel {
    private static final Pattern VERSION = Pattern.compile("(?:^|[-_.])(v?\\d+(?:\\.\\d+)*)(?:\\.(?:tar\\.gz|tgz|jar|zip))?$");
    private static final Pattern ID = Pattern.compile("^\\d{8}-\\d{6}-([0-9a-f]{6,})$");

    private ReleaseLabel() {
    }

    public static String of(String id, Release meta) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        if (meta != null && meta.bundle() != null) {
            String name = meta.bundle().replaceFirst("\\.(tar\\.gz|tgz|jar|zip)$", "");
            Matcher m = VERSION.matcher(name);
            if (m.find()) {
                return m.group(1);
            }
        }
        Matcher m = ID.matcher(id);
        if (m.matches()) {
            return m.group(1).substring(0, Math.min(8, m.group(1).length()));
        }
        return id.length() <= 12 ? id : id.substring(0, 11) + "…";
    }
}
