package dev.orrery.deploy;

import dev.orrery.model.Server;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout's drain on every balancer of a cluster with failover: both run the same configuration
 * and either may hold the reserved IP (or take it mid-deploy), so a server leaves and rejoins
 * rotation on both. Undrain tries every balancer even when one fails, then reports the first failure.
 */
final class EveryBalancer implements BalancerControl {
    private final List<BalancerControl> each;

    EveryBalancer(List<BalancerControl> each) {
        this.each = List.copyOf(each);
    }

    @Override
    public String describe() {
        return each.get(0).describe() + " on each of " + each.size() + " balancers";
    }

    @Override
    public void drain(Server server, Progress progress) throws Exception {
        for (BalancerControl c : each) {
            c.drain(server, progress);
        }
    }

    @Override
    public String awaitIdle(Server server, Duration max, Progress progress) throws Exception {
        List<String> seen = new ArrayList<>();
        for (BalancerControl c : each) {
            seen.add(c.awaitIdle(server, max, progress));
        }
        return String.join("; ", seen);
    }

    @Override
    public boolean refusesConnectionsToDrain() {
        return each.stream().anyMatch(BalancerControl::refusesConnectionsToDrain);
    }

    @Override
    public void undrain(Server server, Progress progress) throws Exception {
        Exception first = null;
        for (BalancerControl c : each) {
            try {
                c.undrain(server, progress);
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
