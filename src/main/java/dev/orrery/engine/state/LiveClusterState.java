package dev.orrery.engine.state;

import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobListener;
import dev.orrery.health.BalancerView;
import dev.orrery.health.BalancerViewUpdate;
import dev.orrery.health.HealthEvent;
import dev.orrery.health.HealthListener;
import dev.orrery.health.HealthSample;
import dev.orrery.health.HealthState;
import dev.orrery.health.StateChange;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Release;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The one live truth about an open cluster, with no JavaFX: per server the lifecycle (the file),
 * health (Orrery's probes and the balancer's view), the running job's step and whether an outage
 * is planned; per cluster the jobs, the deploy lock and each server's release. Every face renders
 * it through {@link ServerLook#of}.
 *
 * <p>It is fed from three sides — {@link #setCluster} when the file's cluster changes, the
 * health monitor (it is a {@link HealthListener}) and the engine's jobs (it is a
 * {@link JobListener}; only jobs whose {@link dev.orrery.engine.Job#cluster()} is this cluster
 * count) — and publishes {@link LiveEvent}s. Listeners run on the feeding thread, under this
 * object's lock, in order: they must only enqueue (the window batches onto the FX pulse).
 *
 * <pre>{@code
 * LiveClusterState live = orrery.live(cluster);     // fed by the engine's jobs
 * live.addListener(e -> queue.add(e));
 * monitor.addListener(live);                        // fed by the probes
 * ServerLive s = live.snapshot().server("app-2").orElseThrow();
 * Look look = ServerLook.of(s, System.currentTimeMillis());
 * }</pre>
 */
public final class LiveClusterState implements HealthListener, JobListener {
    private static final int KEEP_FINISHED_JOBS = 1;

    private final String name;
    private final LongSupplier clock;
    private final List<java.util.function.Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ServerLive> servers = new LinkedHashMap<>();
    private final Map<String, Look> shown = new LinkedHashMap<>();
    private final Map<Long, JobInfo> jobs = new LinkedHashMap<>();
    private final List<JobInfo> finished = new ArrayList<>();
    private final Map<String, Release> named = new LinkedHashMap<>();
    private Cluster cluster;
    private LockInfo lock;
    /** A DigitalOcean Load Balancer is no server of the file: it is kept apart, looked at through ServerLook all the same. */
    private ServerLive managed;

    /** @param name the cluster's name: jobs naming it feed this state */
    public LiveClusterState(String name, LongSupplier clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = clock;
    }

    public LiveClusterState(String name) {
        this(name, System::currentTimeMillis);
    }

    public String name() {
        return name;
    }

    public void addListener(java.util.function.Consumer<LiveEvent> l) {
        listeners.add(l);
    }

    public void removeListener(java.util.function.Consumer<LiveEvent> l) {
        listeners.remove(l);
    }

    public synchronized LiveSnapshot snapshot() {
        List<JobInfo> js = new ArrayList<>(jobs.values());
        js.addAll(finished);
        return new LiveSnapshot(cluster, new ArrayList<>(servers.values()), js, lock, clock.getAsLong());
    }

    /**
     * The cluster as the file now says: servers added and removed, lifecycle, drained, release.
     * What is live (health, activity, facts) carries over for servers that stay.
     */
    public synchronized void setCluster(Cluster next) {
        boolean first = cluster == null;
        cluster = next;
        Set<String> names = new HashSet<>();
        Set<String> probedNames = new HashSet<>();
        dev.orrery.health.HealthTargets.probed(next).forEach(p -> probedNames.add(p.name()));
        for (Server s : next.servers()) {
            names.add(s.name());
            ServerLive was = servers.get(s.name());
            ServerLive base = was != null && was.role() == s.role() ? was : ServerLive.of(s.name(), s.role(), s.state());
            boolean probed = probedNames.contains(s.name());
            ServerLive now = base.withLifecycle(s.state(), next.balancer().isDrained(s.name()), probed,
                    s.release(), ReleaseLabel.of(s.release(), release(next, s.release())));
            servers.put(s.name(), now);
        }
        for (String gone : new ArrayList<>(servers.keySet())) {
            if (!names.contains(gone)) {
                servers.remove(gone);
                shown.remove(gone);
                if (!first) {
                    emit(new LiveEvent.ServerRemoved(gone));
                }
            }
        }
        // Keep the cluster's order.
        Map<String, ServerLive> ordered = new LinkedHashMap<>();
        for (Server s : next.servers()) {
            ordered.put(s.name(), servers.get(s.name()));
        }
        servers.clear();
        servers.putAll(ordered);
        if (first) {
            servers.values().forEach(s -> shown.put(s.name(), look(s)));
            emit(new LiveEvent.Reset(snapshot()));
        } else {
            servers.values().forEach(this::publish);
        }
    }

    /** Local facts about a server (the sandbox: pid, listen address, log file, process state). */
    public synchronized void setFacts(String server, Map<String, String> facts) {
        update(server, s -> s.withFacts(facts));
    }

    /**
     * Balancer failover as last read: whether the API says {@code server} holds the reserved IP
     * {@code reservedIp}, and its keepalived state (MASTER, BACKUP, FAULT, UNKNOWN). Kept among the
     * server's facts under {@link ServerLook#RESERVED_IP}, {@link ServerLook#HOLDS} and
     * {@link ServerLook#KEEPALIVED}, beside any other facts; {@link ServerLook} turns them into the look.
     */
    public synchronized void setFailover(String server, String reservedIp, boolean holds, String keepalived) {
        update(server, s -> {
            Map<String, String> f = new java.util.HashMap<>(s.facts());
            f.put(ServerLook.RESERVED_IP, reservedIp);
            f.put(ServerLook.HOLDS, holds ? "yes" : "no");
            f.put(ServerLook.KEEPALIVED, keepalived);
            return s.withFacts(f);
        });
    }

    /**
     * What the DigitalOcean API says of the cluster's managed load balancer ({@code GET
     * /v2/load_balancers/{id}}): {@code status} as the API gives it, or {@code unknown} when the
     * call failed, and a detail in words. Its look comes from {@link ServerLook#of}; an errored
     * balancer raises an {@link LiveEvent.Alarm} (and its end another), as a server going down does.
     */
    public synchronized void setManagedBalancer(String lbName, String status, String detail) {
        setManagedBalancer(lbName, status, null, detail);
    }

    /**
     * As {@link #setManagedBalancer(String, String, String)} with its public address ({@code ip},
     * null before it has one). Published as a {@link LiveEvent.ServerChanged} of its own name, so
     * the window's balancer node follows it like any server's.
     */
    public synchronized void setManagedBalancer(String lbName, String status, String ip, String detail) {
        Map<String, String> facts = new java.util.HashMap<>();
        facts.put(ServerLook.MANAGED_LB, status);
        facts.put(ServerLook.MANAGED_DETAIL, detail == null ? "" : detail);
        if (ip != null && !ip.isEmpty()) {
            facts.put(ServerLook.MANAGED_IP, ip);
        }
        ServerLive next = ServerLive.of(lbName, dev.orrery.model.Role.BALANCER, dev.orrery.model.ServerState.READY).withFacts(facts);
        Look was = managed == null ? null : look(managed);
        managed = next;
        Look now = look(next);
        emit(new LiveEvent.ServerChanged(next, was, now));
        boolean wasAlarm = was != null && was.alarm();
        if (now.alarm() && !wasAlarm) {
            emit(new LiveEvent.Alarm(lbName, true, lbName + " is " + now.word() + ": " + now.detail()));
        } else if (wasAlarm && !now.alarm()) {
            emit(new LiveEvent.Alarm(lbName, false, lbName + " is " + now.word() + " again"));
        }
    }

    /** The managed load balancer's live state, empty before the API was asked (or for a balancer on a droplet). */
    public synchronized java.util.Optional<ServerLive> managedBalancer() {
        return java.util.Optional.ofNullable(managed);
    }

    public synchronized void setLock(LockInfo next) {
        if (!Objects.equals(lock, next)) {
            lock = next;
            emit(new LiveEvent.LockChanged(next));
        }
    }

    @Override
    public synchronized void onEvent(HealthEvent event) {
        if (event instanceof StateChange c) {
            update(c.server(), s -> s.withHealth(c.to(), s.healthDetail()));
        } else if (event instanceof HealthSample h) {
            ServerLive s = servers.get(h.server());
            if (s != null && s.probed()) {
                // Every probe updates the detail quietly; only a changed look is news.
                servers.put(h.server(), s.withHealth(h.state(), h.result() == null ? null : h.result().describe()));
                publishIfLookChanged(servers.get(h.server()));
            }
        } else if (event instanceof BalancerViewUpdate u && cluster != null) {
            BalancerView view = u.view();
            for (Server srv : cluster.appServers()) {
                BalancerView.Entry e = view.error() == null ? view.find(srv, cluster.app().port()) : null;
                update(srv.name(), s -> s.withBalancer(e));
            }
        }
    }

    @Override
    public synchronized void onEvent(JobEvent event) {
        if (event instanceof JobEvent.Started st) {
            if (!name.equals(st.cluster())) {
                return;
            }
            JobInfo j = new JobInfo(st.jobId(), st.title(), st.kind(), "starting", 0, clock.getAsLong(), null);
            jobs.put(st.jobId(), j);
            emit(new LiveEvent.JobChanged(j));
            return;
        }
        JobInfo j = jobs.get(event.jobId());
        if (j == null) {
            return; // another cluster's job
        }
        if (event instanceof JobEvent.Step st) {
            jobs.put(j.id(), j.withStep(st.name()));
            emit(new LiveEvent.JobChanged(jobs.get(j.id())));
        } else if (event instanceof JobEvent.Fraction f) {
            jobs.put(j.id(), j.withFraction(f.done()));
            emit(new LiveEvent.JobChanged(jobs.get(j.id())));
        } else if (event instanceof JobEvent.ServerStep ss) {
            update(ss.server(), s -> s.withActivity(new ServerActivity(j.id(), j.kind(), ss.step(), ss.mayBeDown()),
                    settleAfterStep(s, j.id(), ss.mayBeDown())));
        } else if (event instanceof JobEvent.ReleaseNamed r) {
            // A rollout records its release in the cluster only at the end: until then, its name comes from here.
            named.put(r.id(), new Release(r.id(), null, r.bundleFile(), null, null));
            while (named.size() > 16) {
                named.remove(named.keySet().iterator().next());
            }
        } else if (event instanceof JobEvent.ServerDone d) {
            endActivity(d.server(), j.id());
        } else if (event instanceof JobEvent.Finished f) {
            for (ServerLive s : new ArrayList<>(servers.values())) {
                if (s.activity() != null && s.activity().jobId() == j.id()) {
                    endActivity(s.name(), j.id());
                }
            }
            jobs.remove(j.id());
            String how = f.succeeded() ? "succeeded" : f.cancelled() ? "cancelled"
                    : "failed: " + (f.error() == null ? "unknown error" : firstLine(f.error().getMessage(), f.error()));
            JobInfo done = j.finished(how);
            finished.add(0, done);
            while (finished.size() > KEEP_FINISHED_JOBS) {
                finished.remove(finished.size() - 1);
            }
            emit(new LiveEvent.JobChanged(done));
        }
    }

    /**
     * Ends a job's work on a server. If a step of it could leave the server down, a down probe
     * stays "planned" for a settle time: the probes need rise × interval to see it back.
     */
    private void endActivity(String server, long jobId) {
        ServerLive s = servers.get(server);
        if (s == null || s.activity() == null || s.activity().jobId() != jobId) {
            return;
        }
        long settle = s.health() == HealthState.UP ? 0 : clock.getAsLong() + settleMs();
        servers.put(server, s.withActivity(null, settle));
        publish(servers.get(server));
    }

    /**
     * A step that should leave the server serving right after one that could stop it (a rollout's
     * "done" after its health gate): the job has seen it up, but the probes need rise × interval
     * to, so a down probe stays planned for the settle time, as after the job ({@link #endActivity}).
     * A slow restart (longer than fall × interval) used to raise "down (not planned)" here.
     */
    private long settleAfterStep(ServerLive s, long jobId, boolean mayBeDown) {
        ServerActivity a = s.activity();
        if (a == null || a.jobId() != jobId) {
            return 0;
        }
        if (!mayBeDown && a.mayBeDown() && s.health() != HealthState.UP) {
            return clock.getAsLong() + settleMs();
        }
        return s.settleUntilMs();
    }

    private long settleMs() {
        HealthCheck hc = cluster == null ? HealthCheck.DEFAULT : cluster.balancer().healthCheck();
        return (long) (hc.rise() + 1) * hc.intervalMs() + hc.timeoutMs();
    }

    private void update(String server, java.util.function.UnaryOperator<ServerLive> change) {
        ServerLive s = servers.get(server);
        if (s == null) {
            return;
        }
        ServerLive next = change.apply(s);
        if (!next.equals(s)) {
            servers.put(server, next);
            publish(next);
        }
    }

    private void publishIfLookChanged(ServerLive s) {
        if (!look(s).equals(shown.get(s.name()))) {
            publish(s);
        }
    }

    private void publish(ServerLive s) {
        Look was = shown.get(s.name());
        Look now = look(s);
        shown.put(s.name(), now);
        emit(new LiveEvent.ServerChanged(s, was, now));
        boolean wasAlarm = was != null && was.alarm();
        if (now.alarm() && !wasAlarm) {
            emit(new LiveEvent.Alarm(s.name(), true, s.name() + " is " + now.word() + ": " + now.detail()));
        } else if (wasAlarm && !now.alarm()) {
            emit(new LiveEvent.Alarm(s.name(), false, s.name() + " is " + now.word() + " again"));
        }
    }

    private Look look(ServerLive s) {
        return ServerLook.of(s, clock.getAsLong());
    }

    private void emit(LiveEvent e) {
        for (var l : listeners) {
            l.accept(e);
        }
    }

    private Release release(Cluster c, String id) {
        if (id == null) {
            return null;
        }
        return c.app().releases().stream().filter(r -> r.id().equals(id)).findFirst().orElse(named.get(id));
    }

    private static String firstLine(String m, Throwable e) {
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }
}
