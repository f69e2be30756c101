package dev.orrery.deploy;

import dev.orrery.model.Release;

/**
 * What a bundle turned out to be, and how Orrery installs and starts it.
 *
 * @param stripComponents leading directories to drop when unpacking (1 for {@code bundle/})
 * @param npmInstallDir   directory inside the release where {@code npm install --production} runs, or null
 * @param startScript     the shell text the launcher runs inside the release directory
 */
public record DetectedRelease(Release.Kind kind, int stripComponents, String npmInstallDir, String startScript, String summary) {
}
