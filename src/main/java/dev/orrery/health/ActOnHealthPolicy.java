package dev.orrery.health;

import dev.orrery.model.BalancerKind;

/**
 * Decides whether Orrery should take a server out of the balancer's rotation, or put it back,
 * when its probes see the server's state change. Pure: the whole decision is unit-tested.
 *
 * <p>Why: a stock nginx has only passive checks. A dead app server keeps getting requests
 * until {@code max_fails} trips, is retried every {@code fail_timeout}
 * ({@link dev.orrery.proxy.ProxyRenderer#PASSIVE_FAIL_TIMEOUT_SECONDS}), and a host that vanished
 * costs {@code proxy_connect_timeout} (the health check's timeout, as Orrery renders it) per try. With this option on, a server
 * Orrery's probes see go down is rendered {@code down} within fall × interval + timeout
 * (1.75 s with the seed's settings), and brought back when the probes see it up again.
 *
 * <p>The rules, each one a reason to do nothing:
 * <ul>
 *   <li>the option is off (the default: it changes the balancer's config while Orrery runs);</li>
 *   <li>the balancer checks its servers itself (HAProxy, or nginx with the check module): two
 *       checkers fighting over one server helps nobody;</li>
 *   <li>the change is not from up to down or from down to up (first decisions after
 *       "checking" are left alone: the server was never seen serving);</li>
 *   <li>the user drained the server already, or Orrery already marked it;</li>
 *   <li>marking it would leave no server serving: when every server looks dead at once it is far
 *       more likely that Orrery's own route to them broke, and marking all of them down would
 *       turn a monitoring fault into an outage;</li>
 *   <li>a server that comes back is brought back only if Orrery took it out, never one the
 *       user drained.</li>
 * </ul>
 */
public final class ActOnHealthPolicy {

    public enum Action { NONE, MARK_DOWN, MARK_UP }

    /** The decision and why, for the log. */
    public record Decision(Action action, String reason) {
        static Decision none(String why) {
            return new Decision(Action.NONE, why);
        }
    }

    /**
     * What the decision needs to know besides the change itself.
     *
     * @param enabled        the user turned the option on
     * @param activeChecks   the balancer's own view says it runs active checks
     * @param drainedByUser  the cluster file lists the server as drained
     * @param markedByOrrery Orrery took this server out earlier
     * @param othersServing  other app servers that are up and not taken out
     */
    public record Context(boolean enabled, BalancerKind kind, boolean activeChecks,
                          boolean drainedByUser, boolean markedByOrrery, int othersServing) {
    }

    private ActOnHealthPolicy() {
    }

    public static Decision decide(StateChange change, Context c) {
        if (!c.enabled()) {
            return Decision.none("acting on health is off");
        }
        if (c.kind() != BalancerKind.NGINX || c.activeChecks()) {
            return Decision.none("the balancer runs active checks of its own");
        }
        if (change.wentDown()) {
            if (c.drainedByUser()) {
                return Decision.none(change.server() + " is drained already");
            }
            if (c.markedByOrrery()) {
                return Decision.none(change.server() + " is marked down already");
            }
            if (c.othersServing() < 1) {
                return Decision.none("marking " + change.server() + " down would leave no server serving;"
                        + " Orrery's route to the servers is more likely broken");
            }
            return new Decision(Action.MARK_DOWN, change.server() + " went down (" + change.reason() + ")");
        }
        if (change.cameBack()) {
            if (c.markedByOrrery()) {
                return new Decision(Action.MARK_UP, change.server() + " is up again (" + change.reason() + ")");
            }
            return Decision.none(change.server() + " was not taken out by Orrery");
        }
        return Decision.none("not a change from up to down or back");
    }
}
