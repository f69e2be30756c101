package dev.orrery.deploy;

import dev.orrery.remote.ExecResult;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.util.List;

/**
 * Phase two on one server: preflight (unless it already passed in phase one: {@link Preflights})
 * → drain → wait for in-flight requests → stop → switch
 * current → restart → health gate → undrain. The preflight runs the new release on a spare port
 * beside the live app and gates it there first, so a release that cannot get healthy is caught
 * before the server leaves rotation and before any request can reach it (behind a stock nginx a
 * restarted server gets traffic as soon as it listens, health gate or not). When a step fails the server goes back to the release it ran
 * before and into rotation again, and the failure names the server, the step, what state the
 * server was left in, and its last log lines.
 */
final class ServerSwitch {
    private final BalancerControl balancer;
    private final HealthGate gate;
    private final RolloutOptions options;
    private final int appPort;
    /** The preflights phase one ran (null: none); a server whose preflight passed there is not preflighted again. */
    private final Preflights preflights;

    ServerSwitch(BalancerControl balancer, HealthGate gate, RolloutOptions options, int appPort) {
        this(balancer, gate, options, appPort, null);
    }

    ServerSwitch(BalancerControl balancer, HealthGate gate, RolloutOptions options, int appPort, Preflights preflights) {
        this.balancer = balancer;
        this.gate = gate;
        this.options = options;
        this.appPort = appPort;
        this.preflights = preflights;
    }

    void run(ServerTarget t, String targetId, Progress progress) throws DeployFailedException {
        RolloutStep step = RolloutStep.PREFLIGHT;
        boolean drained = false;
        boolean portClosed = false;
        LineListener log = line -> progress.log(t.name() + ": " + line);
        // A first deploy may find the app as it ran before Orrery (an adopted cluster) holding the port.
        Takeover takeover = t.previous == null ? new Takeover(t, appPort, options.stopTimeoutSeconds()) : null;
        try {
            if (options.preflight() && preflights != null && preflights.passed(t)) {
                progress.log(t.name() + ": " + targetId + " passed its preflight in phase one");
            } else if (options.preflight()) {
                enter(t, RolloutStep.PREFLIGHT, progress);
                Preflights.once(t, targetId, gate, options, appPort, progress);
            }
            step = enter(t, RolloutStep.DRAIN, progress);
            balancer.drain(t.server, progress);
            drained = true;
            step = enter(t, RolloutStep.WAIT_IDLE, progress);
            progress.log(t.name() + ": " + balancer.awaitIdle(t.server, options.idleTimeout(), progress));
            if (balancer.refusesConnectionsToDrain()) {
                portClosed = closePort(t, progress);
            }
            step = enter(t, RolloutStep.STOP, progress);
            t.host.run(t.service.stop(), log);
            if (takeover != null) {
                takeover.stop(progress);
            }
            step = enter(t, RolloutStep.SWITCH, progress);
            t.host.run(t.commands.switchTo(targetId), log);
            step = enter(t, RolloutStep.START, progress);
            t.host.run(t.service.start(), log);
            step = enter(t, RolloutStep.HEALTH, progress);
            HealthGate.Result r = gate.await(t.host, t.commands, t.server.internalAddress(), appPort, t.service.liveness(), progress);
            if (!r.passed()) {
                throw new GateFailedException(r.failure(options.healthDeadline()));
            }
            progress.log(t.name() + ": healthy after " + r.tookMs() + " ms");
            if (takeover != null) {
                takeover.settle(progress);
            }
            step = enter(t, RolloutStep.UNDRAIN, progress);
            if (portClosed) {
                t.host.run(ConnectionGate.open(appPort, t.commands.layout().app()), log);
                portClosed = false;
            }
            balancer.undrain(t.server, progress);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            List<String> logLines = lastLog(t, step);
            String state = recover(t, step, drained, progress, takeover);
            if (portClosed) {
                state = reopenPort(t, progress) + state;
            }
            throw new DeployFailedException(t.name(), step, reason(e) + ". " + state, logLines, e);
        }
    }

    /**
     * Refuses new connections from other machines before the app stops (see {@link ConnectionGate});
     * where the server has no iptables the rollout goes on as before and says what that risks.
     */
    private boolean closePort(ServerTarget t, Progress progress) throws Exception {
        LineListener log = line -> progress.log(t.name() + ": " + line);
        if (!t.host.exec(ConnectionGate.available(), log).ok()) {
            progress.log(t.name() + ": no usable iptables, so the port stays open while the app stops; "
                    + "a POST caught in the app's accept queue at that moment can fail with a 502");
            return false;
        }
        t.host.run(ConnectionGate.close(appPort, t.commands.layout().app()), log);
        progress.log(t.name() + ": new connections to port " + appPort + " are refused, so nginx passes them on");
        // Lets the app accept what was already queued before the rule, so stopping it resets nothing.
        Thread.sleep(QUEUE_SETTLE_MS);
        return true;
    }

    private String reopenPort(ServerTarget t, Progress progress) {
        try {
            t.host.run(ConnectionGate.open(appPort, t.commands.layout().app()), line -> progress.log(t.name() + ": " + line));
            return "";
        } catch (Exception e) {
            return "(opening port " + appPort + " again FAILED: " + reason(e) + "; remove the orrery-drain iptables rule by hand) ";
        }
    }

    private static final long QUEUE_SETTLE_MS = 200;

    /** A port beside the app's for the preflight: app port + 10000 (or − 10000 near the top). */
    static int sparePort(int appPort) {
        return appPort + 10000 <= 65535 ? appPort + 10000 : appPort - 10000;
    }

    private static RolloutStep enter(ServerTarget t, RolloutStep step, Progress progress) {
        progress.serverStep(t.name(), step.label(), step.mayBeDown());
        return step;
    }

    /** Puts the server back on what it ran before (when the failure touched it), then back in rotation. */
    private String recover(ServerTarget t, RolloutStep failed, boolean drained, Progress progress, Takeover takeover) {
        StringBuilder state = new StringBuilder();
        if (failed == RolloutStep.UNDRAIN) {
            state.append(t.name()).append(" runs the new release and passed its health gate but is still out of rotation");
            return state.append("; the rollout stopped here").toString();
        }
        boolean touched = failed.ordinal() >= RolloutStep.STOP.ordinal();
        if (touched) {
            progress.serverStep(t.name(), "back to " + (t.previous != null ? t.previous : "nothing"), true);
            LineListener log = line -> progress.log(t.name() + ": " + line);
            if (t.previous == null) {
                try {
                    t.host.exec(t.service.stop(), log);
                } catch (Exception e) {
                    state.append("(stopping it failed: ").append(reason(e)).append(") ");
                }
                if (takeover != null && takeover.tookOver()) {
                    state.append(takeover.restore(progress));
                } else {
                    state.append("there is no earlier release on ").append(t.name()).append(" to go back to; its app is stopped");
                }
            } else {
                try {
                    t.host.exec(t.service.stop(), log);
                    t.host.run(t.commands.switchTo(t.previous), log);
                    t.host.run(t.service.start(), log);
                    HealthGate.Result r = gate.await(t.host, t.commands, t.server.internalAddress(), appPort, t.service.liveness(), progress);
                    state.append(t.name()).append(" is back on ").append(t.previous)
                            .append(r.passed() ? " and healthy" : " but NOT healthy (" + r.lastAnswer() + ")");
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    state.append("going back to ").append(t.previous).append(" on ").append(t.name())
                            .append(" ALSO failed: ").append(reason(e));
                }
            }
        } else {
            state.append(t.name()).append(" was not changed");
        }
        if (drained) {
            try {
                balancer.undrain(t.server, progress);
                state.append(", and it is in rotation again");
            } catch (Exception e) {
                state.append(", but putting it back in rotation failed: ").append(reason(e));
            }
        }
        return state.append("; the rollout stopped here").toString();
    }

    private List<String> lastLog(ServerTarget t, RolloutStep failed) {
        if (t.service == null) {
            return List.of();
        }
        try {
            ExecResult r = t.host.exec(failed == RolloutStep.PREFLIGHT ? t.commands.preflightLog(options.logLines())
                    : t.service.logTail(options.logLines()), LineListener.IGNORE);
            return r.lastLines();
        } catch (Exception e) {
            return List.of("(could not read the log: " + reason(e) + ")");
        }
    }

    static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static final class GateFailedException extends Exception {
        GateFailedException(String message) {
            super(message);
        }
    }
}
