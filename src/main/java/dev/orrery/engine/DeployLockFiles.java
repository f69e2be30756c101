package dev.orrery.engine;

import dev.orrery.deploy.DeployLock;
import dev.orrery.engine.state.LockInfo;
import dev.orrery.model.Cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link LockReader} over today's lock file in the data folder. A lock is stale when it was taken
 * on this machine by a process that is gone (a crash); one taken elsewhere cannot be judged here.
 */
final class DeployLockFiles implements LockReader {
    private final Path locksDir;

    DeployLockFiles(Path locksDir) {
        this.locksDir = locksDir;
    }

    @Override
    public Optional<LockInfo> read(Cluster cluster) throws IOException {
        return DeployLock.holder(locksDir, cluster.name()).map(h -> new LockInfo(
                h.user() + "@" + h.host() + ", pid " + h.pid(), h.operation(),
                h.startedAt() == null ? 0 : h.startedAt().toEpochMilli(),
                h.host() != null && h.host().equals(thisHost()) && ProcessHandle.of(h.pid()).isEmpty()));
    }

    private static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
