package dev.orrery.ui.health;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.health.BalancerView;
import dev.orrery.health.ConfiguredUpstream;
import dev.orrery.health.HealthState;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.ServerState;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fills the health rows' balancer columns and status look. The balancer's own view wins when
 * there is one to show; otherwise the columns show the upstream as Orrery renders it (a stock
 * nginx has no other view), never a bare dash. The look comes from the live state when the
 * window has one, else from {@link ServerLook#of} over what the row knows. FX thread only.
 */
final class RowStatus {
    private Map<String, ConfiguredUpstream.Entry> configured = Map.of();
    private String configuredReason;
    /** The live state's looks, by server: they win over what is derived here. */
    private final Map<String, Look> live = new HashMap<>();
    /** The look inputs last used per row: a look is recomputed only when one of them changed. */
    private final Map<String, Object> lookKeys = new HashMap<>();

    void setConfigured(Cluster c) {
        configured = c == null ? Map.of() : ConfiguredUpstream.of(c);
        configuredReason = c == null ? null : ConfiguredUpstream.reason(c);
    }

    void setLook(String server, Look look) {
        if (look == null) {
            live.remove(server);
        } else {
            live.put(server, look);
        }
    }

    /** Why the balancer's own view is not shown and what is instead; null while it is shown. */
    String configuredReason(BalancerView view) {
        return ownView(view) ? null : configuredReason;
    }

    void retain(Collection<String> names) {
        lookKeys.keySet().retainAll(names);
    }

    /** The balancer's view has something to show: a check-status page or HAProxy's stats (or why reading failed). */
    static boolean ownView(BalancerView view) {
        return view != null && (view.error() != null || view.activeChecks() || !view.entries().isEmpty());
    }

    void apply(List<HealthRow> rows, BalancerView view, Function<String, BalancerView.Entry> byAddress) {
        boolean own = ownView(view);
        for (HealthRow r : rows) {
            applyRow(r, own, view, byAddress);
        }
    }

    /** One row: after its state or the live state's look for it changed (the others did not). */
    void apply(HealthRow r, BalancerView view, Function<String, BalancerView.Entry> byAddress) {
        applyRow(r, ownView(view), view, byAddress);
    }

    private void applyRow(HealthRow r, boolean own, BalancerView view, Function<String, BalancerView.Entry> byAddress) {
        {
            BalancerView.Entry e = null;
            if (own && view.error() == null) {
                e = view.entries().stream().filter(x -> x.name().equals(r.name())).findFirst().orElse(null);
                if (e == null) {
                    e = byAddress.apply(r.name());
                }
            }
            ConfiguredUpstream.Entry conf = configured.get(r.name());
            if (own) {
                r.balancerStatus.set(view.error() != null ? "unavailable" : e == null ? "not listed" : e.status());
                r.balancerCounters.set(view.error() != null ? "unavailable" : e == null ? "not listed"
                        : e.riseCount() < 0 ? "none kept" : e.riseCount() + " / " + e.fallCount());
            } else {
                r.balancerStatus.set(conf == null ? "not configured" : conf.state());
                r.balancerCounters.set(conf == null ? "not configured" : conf.checks());
            }
            r.disagrees.set(e != null && e.verdict() && r.state() != HealthState.CHECKING && e.up() != (r.state() == HealthState.UP));
            updateLook(r, e, conf != null && conf.drained());
        }
    }

    private void updateLook(HealthRow r, BalancerView.Entry e, boolean drained) {
        Look given = live.get(r.name());
        Object key = given != null ? given : Arrays.asList(r.state(), e, drained);
        if (key.equals(lookKeys.get(r.name())) && r.look.get() != null) {
            return;
        }
        lookKeys.put(r.name(), key);
        r.look.set(given != null ? given : ServerLook.of(ServerLive.of(r.name(), Role.APP, ServerState.READY)
                .withLifecycle(ServerState.READY, drained, true, null, null)
                .withHealth(r.state(), null).withBalancer(e), System.currentTimeMillis()));
    }
}
