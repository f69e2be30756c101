package dev.orrery.cloud;

import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where servers come from. DigitalOcean ({@link DigitalOceanProvider}) in production; tests
 * use it against a fake API. Every wait takes a deadline and a {@link Progress} whose cancel it
 * honours between polls.
 */
public interface Provider {

    /** The word stored in {@code Server.provider}, e.g. {@code digitalocean}. */
    String name();

    /** Asks for a new server. Never makes two: after an ambiguous failure it looks first. */
    ServerHandle create(ServerSpec spec);

    /** Waits until the create has finished and the server has its addresses. */
    ServerHandle awaitReady(ServerHandle server, Duration timeout, Progress progress);

    Optional<ServerHandle> find(String name, String tag);

    ServerHandle get(String id);

    /** True when deleted, false when it was already gone. */
    boolean delete(String id);

    /** A graceful shutdown; true when the server is off within the timeout. */
    boolean shutdown(String id, Duration timeout, Progress progress);

    void powerOff(String id, Duration timeout, Progress progress);

    void powerOn(String id, Duration timeout, Progress progress);

    /** Takes a snapshot (the server should be off) and returns it once it is listed. */
    Snapshot snapshot(String id, String snapshotName, Duration timeout, Progress progress);

    List<Snapshot> snapshots();

    List<Region> regions();

    List<Size> sizes();

    List<SshKey> sshKeys();
}
