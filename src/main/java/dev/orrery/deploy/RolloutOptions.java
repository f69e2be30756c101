package dev.orrery.deploy;

import dev.orrery.model.Server;

import java.time.Duration;
import java.util.function.Function;

/**
 * How a rollout runs.
 *
 * @param parallelUploads  uploads at once (bounded: a balancer's uplink is shared)
 * @param keepReleases     releases kept on each server, the live one included
 * @param healthDeadline   how long a restarted server has to give {@code rise} healthy answers
 * @param idleTimeout      how long to wait for the balancer to finish a drained server's requests
 * @param stopTimeoutSeconds how long the app gets to finish its requests after SIGTERM
 * @param init             systemd, the portable supervisor, or whatever each server has
 * @param layoutBase       the base of the app's directory per server ({@code /opt}; tests sharing one
 *                         file system give each host its own)
 * @param preflight        try each release on a spare port before its server leaves rotation
 *                         (off only to reproduce Meteor Up's order in the benchmark)
 * @param deltaUploads     send only the files a server lacks from its earlier releases ({@link DeltaUpload});
 *                         off: always the whole release (the benchmark's "before")
 * @param fanOut           upload once to one app server and let the others fetch it from there over the
 *                         private network ({@link FanOut}); off: every server gets its own upload
 * @param batch            servers switched at once in phase two (1: one by one); see {@code Batches}
 */
public record RolloutOptions(int parallelUploads, int keepReleases, Duration healthDeadline, Duration idleTimeout,
                             int stopTimeoutSeconds, Init init, Function<Server, String> layoutBase, int logLines, boolean preflight,
                             boolean runAsCurrentUser, boolean deltaUploads, boolean fanOut, int batch) {

    public enum Init { AUTO, SYSTEMD, SUPERVISOR }

    public static RolloutOptions defaults() {
        return new RolloutOptions(4, 5, Duration.ofSeconds(90), Duration.ofSeconds(30), 20, Init.AUTO, s -> AppLayout.DEFAULT_BASE, 20, true, false, true, true, 1);
    }

    public RolloutOptions withInit(Init v) {
        return new RolloutOptions(parallelUploads, keepReleases, healthDeadline, idleTimeout, stopTimeoutSeconds, v, layoutBase, logLines, preflight, runAsCurrentUser, deltaUploads, fanOut, batch);
    }

    public RolloutOptions withLayoutBase(Function<Server, String> v) {
        return new RolloutOptions(parallelUploads, keepReleases, healthDeadline, idleTimeout, stopTimeoutSeconds, init, v, logLines, preflight, runAsCurrentUser, deltaUploads, fanOut, batch);
    }

    public RolloutOptions withHealthDeadline(Duration v) {
        return new RolloutOptions(parallelUploads, keepReleases, v, idleTimeout, stopTimeoutSeconds, init, layoutBase, logLines, preflight, runAsCurrentUser, deltaUploads, fanOut, batch);
    }

    public RolloutOptions withStopTimeoutSeconds(int v) {
        return new RolloutOptions(parallelUploads, keepReleases, healthDeadline, idleTimeout, v, init, layoutBase, logLines, preflight, runAsCurrentUser, deltaUploads, fanOut, batch);
    }

    public RolloutOptions withParallelUploads(int v) {
        return new RolloutOptions(v, keepReleases, healthDeadline, idleTimeout, stopTimeoutSeconds, init, layoutBase, logLines, preflight, runAsCurrentUser, deltaUploads, fanOut, batch);
    }

    public RolloutOptions withPreflight(boolean v) {
        return new RolloutOptions(parallelUploads, keepReleases, healthDeadline, idleTimeout, stopTimeoutSeconds, init, layoutBase, logLines, v, runAsCurrentUser, deltaUploads, fanOut, batch);
    }

    public RolloutOptions withKeepReleases(int v) {
        return new RolloutOptions(parallelUploads, v, healthDeadline, idleTimeout, stopTimeoutSeconds, init, layoutBase, logLines, preflight, runAsCurrentUser, deltaUploads, fanOut, batch);
    }

    public RolloutOptions withDeltaUploads(boolean v) {
        return new RolloutOptions(parallelUploads, keepReleases, healthDeadline, idleTimeout, stopTimeoutSeconds, init, layoutBase, logLines, preflight, runAsCurrentUser, v, fanOut, batch);
    }

    public RolloutOptions withRunAsCurrentUser(boolean v) {
        return new RolloutOptions(parallelUploads, keepReleases, healthDeadline, idleTimeout, stopTimeoutSeconds, init, layoutBase, logLines, preflight, v, deltaUploads, fanOut, batch);
    }

    public RolloutOptions withFanOut(boolean v) {
        return new RolloutOptions(parallelUploads, keepReleases, healthDeadline, idleTimeout, stopTimeoutSeconds, init, layoutBase, logLines, preflight, runAsCurrentUser, deltaUploads, v, batch);
    }

    public RolloutOptions withBatch(int v) {
        return new RolloutOptions(parallelUploads, keepReleases, healthDeadline, idleTimeout, stopTimeoutSeconds, init, layoutBase, logLines, preflight, runAsCurrentUser, deltaUploads, fanOut, v);
    }
}
