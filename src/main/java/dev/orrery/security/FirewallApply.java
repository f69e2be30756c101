package dev.orrery.security;

import dev.orrery.remote.CommandFailedException;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Applies one server's {@link HostFirewall} the way {@code iptables-apply} does: the rules are
 * checked with {@code nft -c} (refused: nothing changes), a watchdog on the server is armed to
 * put the previous rules back, the new rules are loaded, and then Orrery logs in anew — a fresh
 * SSH connection, which the new rules must let through. Only when that works is the change
 * confirmed; otherwise the watchdog puts the previous rules back by itself when the window
 * ends, whether or not Orrery can still reach the server, and Orrery waits for it on its
 * existing connection (established connections pass the new rules).
 */
public final class FirewallApply {
    /** Logs in again over a new connection and runs a command: the proof that the new rules let Orrery in. */
    @FunctionalInterface
    public interface FreshLogin {
        void check() throws RemoteException;
    }

    /** How a change ended. */
    public record Outcome(String server, boolean applied, Duration took, String detail) {
    }

    private final Duration window;
    private final Duration poll;

    /** @param window how long the new rules stay without a confirmation; longer than an SSH connect timeout */
    public FirewallApply(Duration window) {
        this(window, Duration.ofMillis(500));
    }

    FirewallApply(Duration window, Duration poll) {
        if (window.toSeconds() < 5) {
            throw new IllegalArgumentException("the confirmation window must be at least 5 s, not " + window);
        }
        this.window = window;
        this.poll = poll;
    }

    public Outcome apply(Host host, FreshLogin login, HostFirewall rules, Progress progress) throws RemoteException, InterruptedException {
        String server = rules.server();
        progress.step(server + " · check rules (nft -c)");
        host.write(NftRuleset.render(rules).getBytes(StandardCharsets.UTF_8), FirewallCommands.CANDIDATE, 0600);
        ExecResult checked = host.exec(FirewallCommands.check(), progress::log);
        if (!checked.ok()) {
            throw new RemoteException(host.name(), "nft refused the rules for " + server + ", nothing was changed:\n  "
                    + String.join("\n  ", checked.lastLines()), null);
        }
        String token = UUID.randomUUID().toString().substring(0, 8);
        progress.step(server + " · apply with rollback in " + window.toSeconds() + " s");
        long t0 = System.nanoTime();
        host.run(FirewallCommands.armAndApply((int) window.toSeconds(), token), progress::log);
        progress.step(server + " · log in anew through the new rules");
        RemoteException lockedOut = null;
        try {
            login.check();
        } catch (RemoteException e) {
            lockedOut = e;
        }
        if (lockedOut == null) {
            ExecResult confirmed = host.exec(FirewallCommands.confirm(token), LineListener.IGNORE);
            if (confirmed.ok()) {
                Duration took = since(t0);
                // Only a confirmed rule set is kept for the next boot: a rolled-back one never is.
                String kept = host.run(FirewallCommands.persist(), progress::log).output().strip();
                return new Outcome(server, true, took, "applied and confirmed; " + kept);
            }
            if (confirmed.exitCode() != FirewallCommands.TOO_LATE) {
                throw new CommandFailedException(host.name(), FirewallCommands.confirm(token), confirmed);
            }
        }
        progress.step(server + " · new logins fail: waiting for the rollback");
        String state = awaitRollback(host, token, t0);
        String why = lockedOut != null ? "a new SSH login failed through the new rules (" + lockedOut.getMessage() + ")"
                : "the confirmation came after the " + window.toSeconds() + " s window";
        return new Outcome(server, false, since(t0), why + "; the previous rules were put back by the server itself"
                + ("rolled-back".equals(state) ? "" : " (state: " + state + ")"));
    }

    private String awaitRollback(Host host, String token, long t0) throws RemoteException, InterruptedException {
        long deadline = t0 + window.toNanos() + Duration.ofSeconds(60).toNanos();
        String state = "pending";
        while (System.nanoTime() < deadline) {
            state = host.run(FirewallCommands.state(token)).output().strip();
            if (!state.equals("pending")) {
                return state;
            }
            Thread.sleep(poll.toMillis()); // the server's watchdog decides; this only looks
        }
        throw new RemoteException(host.name(), "the firewall change " + token + " was neither confirmed nor rolled back "
                + (window.toSeconds() + 60) + " s after it was applied; check `nft list ruleset` and " + FirewallCommands.DIR + "/log", null);
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
