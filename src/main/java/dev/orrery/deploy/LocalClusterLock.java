package dev.orrery.deploy;

import dev.orrery.lock.ClusterLock;
import dev.orrery.lock.LockHolder;
import dev.orrery.lock.LockState;
import dev.orrery.model.Cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The cluster's lock as a file in one data folder ({@link DeployLock}): for the sandbox, whose
 * servers are this machine, and for a cluster with no server to keep the lock on. Other data
 * folders and workstations do not see it; {@link dev.orrery.lock.ServerClusterLock} is the one
 * they do.
 */
public final class LocalClusterLock implements ClusterLock {
    private final Path locksDir;

    public LocalClusterLock(Path locksDir) {
        this.locksDir = locksDir;
    }

    @Override
    public Held acquire(Cluster cluster, String kind, String operation) throws IOException, DeployLockedException {
        DeployLock lock = DeployLock.acquire(locksDir, cluster.name(), operation);
        String where = DeployLock.fileFor(locksDir, cluster.name()).toString();
        return new Held() {
            @Override
            public boolean lost() {
                return false;
            }

            @Override
            public String where() {
                return where + " (this data folder only)";
            }

            @Override
            public void close() {
                try {
                    lock.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("could not remove the lock " + where, e);
                }
            }
        };
    }

    @Override
    public Optional<LockState> read(Cluster cluster) {
        return DeployLock.holder(locksDir, cluster.name()).map(h -> state(cluster.name(), h));
    }

    @Override
    public Optional<LockState> clear(Cluster cluster) throws IOException {
        return DeployLock.clear(locksDir, cluster.name()).map(h -> state(cluster.name(), h));
    }

    private LockState state(String cluster, DeployLock.Holder h) {
        boolean stale = h.host().equals(LockHolderHost.NAME) && ProcessHandle.of(h.pid()).isEmpty();
        return new LockState(new LockHolder(h.user(), h.host(), h.pid(), locksDir.getParent() == null ? "?" : locksDir.getParent().toString(),
                "deploy", h.operation(), h.startedAt(), ""), 0, stale, DeployLock.fileFor(locksDir, cluster).toString());
    }

    /** This workstation's name, as DeployLock records it. */
    private static final class LockHolderHost {
        static final String NAME = hostName();

        private static String hostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }
}
