package dev.orrery.ui.live;

import dev.orrery.engine.state.JobInfo;
import dev.orrery.engine.state.LiveEvent;
import dev.orrery.engine.state.LiveSnapshot;
import dev.orrery.engine.state.LockInfo;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.model.Role;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open cluster's live state as the window holds it, one {@link LiveFxBridge.Batch} per pulse:
 * each server's {@link ServerLive} and the {@link Look} {@link dev.orrery.engine.state.ServerLook}
 * gave it, the jobs, the lock. Views register a {@link Listener} and are told what changed.
 * FX thread only.
 */
public final class LiveFxModel {

    /** What changed; every method has a default so a view implements only what it shows. */
    public interface Listener {
        /** Everything was replaced (another cluster, or none): redraw from the model. */
        default void reset(LiveFxModel model) {
        }

        default void server(ServerLive server, Look was, Look look) {
        }

        default void removed(String server) {
        }

        default void job(JobInfo job) {
        }

        default void alarms(List<LiveEvent.Alarm> alarms) {
        }

        /** After each batch (summaries recount here, once). */
        default void batchDone(LiveFxModel model) {
        }
    }

    private final Map<String, ServerLive> servers = new LinkedHashMap<>();
    private final Map<String, Look> looks = new LinkedHashMap<>();
    private final Map<Long, JobInfo> jobs = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private LockInfo lock;
    private String cluster;

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** The name of the cluster shown, null for none. */
    public String cluster() {
        return cluster;
    }

    public Look look(String server) {
        return looks.get(server);
    }

    public ServerLive server(String server) {
        return servers.get(server);
    }

    public Collection<ServerLive> servers() {
        return servers.values();
    }

    /** The app servers' looks, in the cluster's order. */
    public List<Look> appLooks() {
        List<Look> out = new ArrayList<>();
        servers.values().stream().filter(s -> s.role() == Role.APP).forEach(s -> out.add(looks.get(s.name())));
        return out;
    }

    /** The running job, else the last one that finished; null for none. */
    public JobInfo job() {
        JobInfo last = null;
        for (JobInfo j : jobs.values()) {
            if (j.running()) {
                return j;
            }
            last = j;
        }
        return last;
    }

    public LockInfo lock() {
        return lock;
    }

    /** Forgets everything: nothing of the cluster shown before carries over. */
    public void clear() {
        servers.clear();
        looks.clear();
        jobs.clear();
        lock = null;
        cluster = null;
        listeners.forEach(l -> l.reset(this));
        listeners.forEach(l -> l.batchDone(this));
    }

    public void accept(LiveFxBridge.Batch b) {
        if (b.reset() != null) {
            apply(b.reset());
        }
        for (String gone : b.removed()) {
            servers.remove(gone);
            looks.remove(gone);
            listeners.forEach(l -> l.removed(gone));
        }
        for (LiveEvent.ServerChanged c : b.changed().values()) {
            servers.put(c.server().name(), c.server());
            looks.put(c.server().name(), c.look());
            listeners.forEach(l -> l.server(c.server(), c.was(), c.look()));
        }
        for (JobInfo j : b.jobs()) {
            jobs.remove(j.id());
            jobs.put(j.id(), j);
            // Keep the running ones and the last finished one.
            while (jobs.size() > 1 && jobs.values().stream().filter(x -> !x.running()).count() > 1) {
                jobs.values().stream().filter(x -> !x.running()).findFirst().ifPresent(x -> jobs.remove(x.id()));
            }
            listeners.forEach(l -> l.job(j));
        }
        if (b.lockChanged()) {
            lock = b.lock();
        }
        if (!b.alarms().isEmpty()) {
            listeners.forEach(l -> l.alarms(b.alarms()));
        }
        listeners.forEach(l -> l.batchDone(this));
    }

    /** Replaces everything with {@code s} (a view that starts after the state did). */
    public void resetTo(LiveSnapshot s) {
        apply(s);
        listeners.forEach(l -> l.batchDone(this));
    }

    private void apply(LiveSnapshot s) {
        servers.clear();
        looks.clear();
        jobs.clear();
        cluster = s.cluster() == null ? null : s.cluster().name();
        for (ServerLive live : s.servers()) {
            servers.put(live.name(), live);
            looks.put(live.name(), s.look(live));
        }
        s.jobs().forEach(j -> jobs.put(j.id(), j));
        lock = s.lock();
        listeners.forEach(l -> l.reset(this));
    }
}
