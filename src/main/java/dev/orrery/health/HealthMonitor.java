package dev.orrery.health;

import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongConsumer;

/**
 * Probes every app server of a cluster on a fixed cadence and keeps the module-exact up/down
 * state and a one-hour history for each.
 *
 * <p>Threads: ticks run on the scheduler (through {@link ProbeClock}) and only decide and hand
 * off — the probe itself is started on the io executor and completes there, so the scheduler
 * never waits on the network. One probe per server is in flight at a time, as in the module; a
 * tick that finds the previous probe still running (a timeout longer than the interval) is not
 * lost but runs the moment that probe ends, so a hung server is probed back to back every
 * {@code timeout} rather than every {@code 2 × interval}. Servers are staggered across the
 * interval so 1000 of them do not all fire at once.
 *
 * <pre>{@code
 * HealthMonitor m = HealthMonitor.create(cluster, engine.scheduler(), engine.io());
 * m.addListener(event -> ...);
 * m.start();
 * ...
 * m.setServers(updated.appServers());   // servers added or removed
 * m.close();
 * }</pre>
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    /** io threads the probes' callbacks may use at once. */
    public static final int PROBE_LANES = 4;

    private final ProbeClock clock;
    private final Executor io;
    private final Prober prober;
    private final HealthCheck check;
    private final int appPort;
    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private final BalancerViewPoller viewPoller;
    private volatile ProbeRoute route;
    private volatile Map<String, ServerProbe> probes = Map.of();
    private volatile LongConsumer lagObserver = lag -> { };
    private boolean started;

    public HealthMonitor(HealthCheck check, int appPort, ProbeRoute route, Prober prober, ProbeClock clock, Executor io) {
        this.check = Objects.requireNonNull(check, "check");
        this.appPort = appPort;
        this.route = Objects.requireNonNull(route, "route");
        this.prober = Objects.requireNonNull(prober, "prober");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.io = Objects.requireNonNull(io, "io");
        this.viewPoller = new BalancerViewPoller(clock, io, this::emit);
    }

    /**
     * A monitor for the cluster's app servers, probing directly, on the Engine's executors. The
     * probes' short tasks go through a few {@link LaneExecutor} lanes of the io pool, so a
     * thousand servers take a handful of io threads, not hundreds.
     */
    public static HealthMonitor create(Cluster cluster, ScheduledExecutorService scheduler, ExecutorService io) {
        HealthCheck hc = cluster.balancer().healthCheck();
        Executor lanes = new LaneExecutor(io, PROBE_LANES);
        HealthMonitor m = new HealthMonitor(hc, cluster.app().port(), new DirectRoute(),
                new HttpProber(lanes, hc.timeoutMs()), new ExecutorProbeClock(scheduler), lanes);
        m.setServers(cluster.appServers());
        return m;
    }

    public HealthCheck check() {
        return check;
    }

    public int appPort() {
        return appPort;
    }

    public void addListener(HealthListener l) {
        listeners.add(l);
    }

    public void removeListener(HealthListener l) {
        listeners.remove(l);
    }

    /** Called with each tick's lateness in ms (for the scheduling benchmark). */
    public void setLagObserver(LongConsumer observer) {
        this.lagObserver = observer != null ? observer : lag -> { };
    }

    public String routeDescription() {
        return route.describe();
    }

    /** Switches the route (the old one is closed); the counters carry on. */
    public void setRoute(ProbeRoute next) {
        ProbeRoute old = this.route;
        this.route = Objects.requireNonNull(next);
        if (old != next) {
            old.close();
        }
    }

    /** Polls the balancer's own view beside the probes, every {@code pollMs}. */
    public void setBalancerViewSource(BalancerViewSource source, long pollMs) {
        viewPoller.setSource(source, pollMs);
    }

    public BalancerView balancerView() {
        return viewPoller.latest();
    }

    /**
     * Sets the app servers to probe, in the order the tables number them. Servers already probed
     * keep their counters and history unless their address changed; removed ones stop at once.
     */
    public synchronized void setServers(List<Server> servers) {
        Map<String, ServerProbe> old = probes;
        Map<String, ServerProbe> next = new LinkedHashMap<>();
        long now = clock.nowMillis();
        for (Server s : servers) {
            ServerProbe p = old.get(s.name());
            if (p == null || !p.server.internalAddress().equals(s.internalAddress())) {
                p = new ServerProbe(s, new HealthMachine(check.rise(), check.fall()),
                        SampleRing.forOneHour(check.intervalMs()), now);
            }
            next.put(s.name(), p);
        }
        for (ServerProbe p : old.values()) {
            if (next.get(p.name()) != p) {
                p.removed = true;
                p.cancel();
                route.forget(p.server);
            }
        }
        probes = next;
        if (started) {
            for (ServerProbe p : next.values()) {
                if (old.get(p.name()) != p) {
                    begin(p, Math.floorMod(p.name().hashCode(), check.intervalMs()));
                }
            }
        }
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        List<ServerProbe> all = new ArrayList<>(probes.values());
        for (int i = 0; i < all.size(); i++) {
            begin(all.get(i), (long) i * check.intervalMs() / all.size());
        }
        viewPoller.start();
    }

    public synchronized void stop() {
        started = false;
        for (ServerProbe p : probes.values()) {
            p.cancel();
        }
        viewPoller.stop();
    }

    @Override
    public void close() {
        stop();
        route.close();
    }

    private void begin(ServerProbe p, long delayMs) {
        synchronized (p) {
            int gen = ++p.generation;
            p.due = clock.nowMillis() + delayMs;
            p.handle = clock.schedule(() -> tick(p, gen), delayMs);
        }
    }

    /** On the scheduler: never blocks; starts the probe on the io pool and books the next tick. */
    private void tick(ServerProbe p, int gen) {
        long now = clock.nowMillis();
        synchronized (p) {
            if (p.generation != gen || p.removed) {
                return;
            }
            lagObserver.accept(now - p.due);
            long interval = check.intervalMs();
            p.due += interval;
            if (p.due <= now) {
                p.due = now + interval; // fell behind (a stall): skip the missed ticks, don't burst
            }
            p.handle = clock.schedule(() -> tick(p, gen), p.due - now);
        }
        if (p.inFlight.compareAndSet(false, true)) {
            dispatch(p);
        } else {
            synchronized (p) {
                p.missed = true;
            }
        }
    }

    private void dispatch(ServerProbe p) {
        try {
            io.execute(() -> send(p));
        } catch (RuntimeException e) { // io pool shut down
            p.inFlight.set(false);
        }
    }

    /** On the io pool: resolve the route (may open a forward) and send asynchronously. */
    private void send(ServerProbe p) {
        URI target;
        try {
            target = route.target(p.server, appPort, check.path());
        } catch (Exception e) {
            complete(p, ProbeResult.failed(Outcome.ERROR, 0, "no route: " + e.getMessage()));
            return;
        }
        try {
            prober.probe(target, check.timeoutMs()).whenComplete((r, e) ->
                    complete(p, r != null ? r : ProbeResult.failed(Outcome.ERROR, 0, String.valueOf(e))));
        } catch (RuntimeException e) {
            complete(p, ProbeResult.failed(Outcome.ERROR, 0, e.toString()));
        }
    }

    private void complete(ServerProbe p, ProbeResult r) {
        long now = clock.nowMillis();
        HealthSample sample;
        StateChange change = null;
        synchronized (p) {
            p.inFlight.set(false);
            if (p.removed) {
                return;
            }
            HealthState before = p.machine.state();
            HealthState after = p.machine.record(r.success());
            p.ring.add(now, r.latencyMs(), r.outcome());
            p.last = r;
            p.probes++;
            if (after != before) {
                p.lastChangeMs = now;
                change = new StateChange(p.name(), before, after, now, describe(r, p.machine));
            }
            sample = new HealthSample(p.name(), now, r, after, p.machine.riseCount(), p.machine.fallCount());
        }
        boolean again;
        synchronized (p) {
            again = p.missed && !p.removed;
            p.missed = false;
        }
        if (again && p.inFlight.compareAndSet(false, true)) {
            dispatch(p);
        }
        emit(sample);
        if (change != null) {
            LOG.info("{} is {} ({})", change.server(), change.to().word(), change.reason());
            emit(change);
        }
    }

    private static String describe(ProbeResult r, HealthMachine m) {
        return r.success()
                ? m.riseCount() + " success" + (m.riseCount() == 1 ? "" : "es") + " in a row"
                : m.fallCount() + " failure" + (m.fallCount() == 1 ? "" : "s") + " in a row, last: " + r.detail();
    }

    private void emit(HealthEvent event) {
        for (HealthListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("health listener failed on {}", event, e);
            }
        }
    }

    /** The servers' health now, in table order. */
    public List<ServerHealth> snapshot() {
        BalancerView view = viewPoller.latest();
        List<ServerHealth> out = new ArrayList<>();
        int i = 0;
        for (ServerProbe p : probes.values()) {
            synchronized (p) {
                out.add(new ServerHealth(i++, p.name(), p.server.internalAddress() + ":" + appPort,
                        p.machine.state(), p.machine.riseCount(), p.machine.fallCount(), "http",
                        p.last, p.lastChangeMs, p.probes, view != null ? view.find(p.server, appPort) : null));
            }
        }
        return out;
    }

    /** {@link #snapshot()} on the io pool, for callers (the FX thread) that must not wait. */
    public java.util.concurrent.CompletableFuture<List<ServerHealth>> snapshotAsync() {
        return java.util.concurrent.CompletableFuture.supplyAsync(this::snapshot, io);
    }

    /** The server's history ring (read-only use: take copies with last/between), or null. */
    public SampleRing history(String server) {
        ServerProbe p = probes.get(server);
        return p != null ? p.ring : null;
    }

    public List<String> serverNames() {
        return List.copyOf(probes.keySet());
    }

    /** Runs a history copy on the io pool, for callers (the FX thread) that must not wait. */
    public java.util.concurrent.CompletableFuture<HistorySlice> historyAsync(String server, long fromMs, long toMs) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            SampleRing ring = history(server);
            return ring != null ? ring.between(fromMs, toMs) : new HistorySlice(new long[0], new float[0], new byte[0]);
        }, io);
    }

    public long nowMillis() {
        return clock.nowMillis();
    }
}
