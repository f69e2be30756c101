package dev.orrery.engine;

import dev.orrery.model.Release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the bundle of a release already deployed can be found on this machine. A release records
 * only its bundle's file name and sha256, and a deploy does not keep a copy (the servers keep the
 * unpacked release, not the bundle), so a new server is deployed from a local file in one of the
 * given directories (e.g. beside the cluster file) whose name and sha256 match the release, or
 * else from a copy of the release on an app server that runs it.
 */
public record ReleaseBundles(List<Path> dirs) {

    /** Why there is nothing to deploy from, when neither the bundle nor a server running the release is there. */
    public String missing(Release release) {
        return "the bundle of release " + release.id() + " (" + release.bundle() + ", sha256 " + release.sha256()
                + ") is not on this machine (Orrery looked in " + dirs + ") and no app server of the cluster runs " + release.id()
                + " to copy it from; put that file there and provision again";
    }

    public Optional<Path> find(Release release) {
        if (release.bundle() == null || release.bundle().contains("/") || release.bundle().contains("\\")) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        for (Path d : dirs) {
            Path p = d.resolve(release.bundle());
            if (Files.isRegularFile(p)) {
                candidates.add(p);
            }
        }
        // the sha256 is checked by the installer, which refuses a different file with the same name
        return candidates.stream().findFirst();
    }
}
