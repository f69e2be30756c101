package dev.orrery.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orrery.model.Rules;
import dev.orrery.store.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One deploy or rollback per cluster at a time: a file {@code locks/CLUSTER.deploy.lock} created
 * with CREATE_NEW (atomic), holding who took it. A second deploy is refused with that; a lock left
 * by a crash stays until cleared deliberately ({@code orrery deploy --clear-lock}).
 */
public final class DeployLock implements AutoCloseable {

    public record Holder(@JsonProperty("user") String user, @JsonProperty("host") String host,
                         @JsonProperty("pid") long pid, @JsonProperty("startedAt") Instant startedAt,
                         @JsonProperty("operation") String operation) {
        public String describe() {
            return operation + " started by " + user + "@" + host + " (pid " + pid + ") at " + startedAt;
        }
    }

    private final Path file;

    private DeployLock(Path file) {
        this.file = file;
    }

    public static Path fileFor(Path locksDir, String cluster) {
        Rules.name(cluster).ifPresent(why -> {
            throw new IllegalArgumentException("cluster name " + why);
        });
        return locksDir.resolve(cluster + ".deploy.lock");
    }

    public static DeployLock acquire(Path locksDir, String cluster, String operation) throws IOException, DeployLockedException {
        dev.orrery.store.PrivateFiles.createDirectories(locksDir);
        Path file = fileFor(locksDir, cluster);
        Holder me = new Holder(System.getProperty("user.name", "?"), hostName(), ProcessHandle.current().pid(), Instant.now(), operation);
        try {
            Files.write(file, Json.mapper().writeValueAsBytes(me), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            Optional<Holder> other = holder(locksDir, cluster);
            String who = other.map(Holder::describe).orElse("an unreadable lock " + file);
            boolean stale = other.map(h -> h.host().equals(me.host()) && ProcessHandle.of(h.pid()).isEmpty()).orElse(false);
            throw new DeployLockedException(cluster, other.orElse(null), "cluster " + cluster + " is locked: " + who
                    + (stale ? "; that process is gone, so the lock looks stale: clear it with `orrery deploy CLUSTER.json --clear-lock`"
                             : "; wait for it to finish, or if it crashed clear the lock with `orrery deploy CLUSTER.json --clear-lock`"));
        }
        return new DeployLock(file);
    }

    public static Optional<Holder> holder(Path locksDir, String cluster) {
        try {
            return Optional.of(Json.mapper().readValue(Files.readAllBytes(fileFor(locksDir, cluster)), Holder.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes the lock whoever holds it; returns what it said, if there was one. */
    public static Optional<Holder> clear(Path locksDir, String cluster) throws IOException {
        Optional<Holder> h = holder(locksDir, cluster);
        Files.deleteIfExists(fileFor(locksDir, cluster));
        return h;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
