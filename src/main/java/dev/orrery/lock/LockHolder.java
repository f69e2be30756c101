package dev.orrery.lock;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * Who holds a cluster's lock, as the holder wrote it when it took the lock: who, from where, what
 * for and since when. The token tells the holder's own lock from one taken again after a clear.
 *
 * @param user        the operating-system user on the workstation
 * @param workstation the workstation's host name
 * @param pid         Orrery's process on it
 * @param dataFolder  the Orrery data folder the operation runs from (two folders on one
 *                    workstation are two holders)
 * @param kind        what kind of work ("deploy", "provision" …): work of one kind from one
 *                    process shares the lock (three servers provisioned at once)
 * @param operation   the work in words ("deploy of 20261201-101500-ab12cd34")
 * @param since       when it was taken
 * @param token       random, unique to this taking
 */
public record LockHolder(@JsonProperty("user") String user, @JsonProperty("workstation") String workstation,
                         @JsonProperty("pid") long pid, @JsonProperty("dataFolder") String dataFolder,
                         @JsonProperty("kind") String kind, @JsonProperty("operation") String operation,
                         @JsonProperty("since") Instant since, @JsonProperty("token") String token) {

    /** This process, about to do {@code operation}. */
    public static LockHolder me(Path dataFolder, String kind, String operation) {
        return new LockHolder(System.getProperty("user.name", "?"), hostName(), ProcessHandle.current().pid(),
                dataFolder == null ? "?" : dataFolder.toAbsolutePath().toString(), kind, operation, Instant.now(),
                UUID.randomUUID().toString());
    }

    /** "deploy of r7 by ana@laptop (pid 4242, data folder /home/ana/.local/share/orrery) since 2026-12-01T10:15:00Z". */
    public String describe() {
        return operation + " by " + user + "@" + workstation + " (pid " + pid + ", data folder " + dataFolder + ") since " + since;
    }

    /** Who, as one short phrase: "ana@laptop, pid 4242". */
    public String who() {
        return user + "@" + workstation + ", pid " + pid;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
