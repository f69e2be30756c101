package dev.orrery.health;

import dev.orrery.model.Balancer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The "act on it" option: a {@link HealthListener} that, when {@link ActOnHealthPolicy} says so,
 * marks servers down or up through {@link BalancerActions}, one action at a time on the io pool
 * (pushes must not overlap). Off by default. {@link #restoreAll()} brings back every server it
 * took out, for when Orrery closes: the option acts only while Orrery runs.
 */
public final class ActOnHealth implements HealthListener {
    private static final Logger LOG = LoggerFactory.getLogger(ActOnHealth.class);

    private final HealthMonitor monitor;
    private final Supplier<Balancer> balancer;
    private final BalancerActions actions;
    private final SerialExecutor serial;
    private final Set<String> marked = ConcurrentHashMap.newKeySet();
    private volatile boolean enabled;

    public ActOnHealth(HealthMonitor monitor, Supplier<Balancer> balancer, BalancerActions actions, Executor io) {
        this.monitor = monitor;
        this.balancer = balancer;
        this.actions = actions;
        this.serial = new SerialExecutor(io);
    }

    public void setEnabled(boolean on) {
        this.enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Servers Orrery has taken out of rotation. */
    public Set<String> marked() {
        return Set.copyOf(marked);
    }

    @Override
    public void onEvent(HealthEvent event) {
        if (!(event instanceof StateChange change)) {
            return;
        }
        Balancer b = balancer.get();
        BalancerView view = monitor.balancerView();
        List<ServerHealth> all = monitor.snapshot();
        int othersServing = (int) all.stream()
                .filter(h -> !h.name().equals(change.server()) && h.state() == HealthState.UP
                        && !marked.contains(h.name()) && !b.isDrained(h.name()))
                .count();
        ActOnHealthPolicy.Decision d = ActOnHealthPolicy.decide(change, new ActOnHealthPolicy.Context(
                enabled, b.kind(), view != null && view.error() == null && view.activeChecks(),
                b.isDrained(change.server()), marked.contains(change.server()), othersServing));
        switch (d.action()) {
            case MARK_DOWN -> {
                marked.add(change.server());
                run(d, () -> actions.markDown(change.server()));
            }
            case MARK_UP -> {
                marked.remove(change.server());
                run(d, () -> actions.markUp(change.server()));
            }
            case NONE -> LOG.debug("not acting on {}: {}", change.server(), d.reason());
        }
    }

    /** Brings back every server Orrery took out (blocking until the pushes are queued). */
    public void restoreAll() {
        for (String s : Set.copyOf(marked)) {
            marked.remove(s);
            run(new ActOnHealthPolicy.Decision(ActOnHealthPolicy.Action.MARK_UP, "Orrery is closing"),
                    () -> actions.markUp(s));
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private void run(ActOnHealthPolicy.Decision d, Call call) {
        serial.execute(() -> {
            LOG.info("{}: {}", d.action(), d.reason());
            try {
                call.run();
            } catch (Exception e) {
                LOG.warn("{} failed: {}", d.action(), e.toString());
            }
        });
    }
}
