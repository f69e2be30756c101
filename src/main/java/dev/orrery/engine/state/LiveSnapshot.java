package dev.orrery.engine.state;

import dev.orrery.model.Cluster;

import java.util.List;
import java.util.Optional;

/**
 * The live state of one cluster at one moment: immutable, safe to hand to any thread.
 *
 * @param cluster the cluster as last set (the file's configuration)
 * @param servers every server, in the cluster's order
 * @param jobs    running jobs, then the last finished one
 * @param lock    the deploy lock's holder, null when free or unknown
 * @param nowMs   when it was taken, for {@link #look}
 */
public record LiveSnapshot(Cluster cluster, List<ServerLive> servers, List<JobInfo> jobs, LockInfo lock, long nowMs) {

    public LiveSnapshot {
        servers = List.copyOf(servers);
        jobs = List.copyOf(jobs);
    }

    public Optional<ServerLive> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Look look(ServerLive s) {
        return ServerLook.of(s, nowMs);
    }

    public Optional<JobInfo> runningJob() {
        return jobs.stream().filter(JobInfo::running).findFirst();
    }
}
