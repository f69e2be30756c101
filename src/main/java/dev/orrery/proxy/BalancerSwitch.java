package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Tls;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Replaces the balancer program on the balancer host — nginx by HAProxy or back — on the same
 * ports, as one job:
 * <ol>
 *   <li>render the cluster for the new program, upload and validate it with that program's own
 *       checker (nothing running changes; a refusal ends the job here);</li>
 *   <li>stop a stray copy of the new program (Debian starts HAProxy with its own default
 *       configuration when the package is installed), keep the new program's previous file and
 *       move the validated one into place;</li>
 *   <li>behind nginx, close its keep-alive connections first ({@link KeepAliveCloser});</li>
 *   <li>start the new program beside the old one on the same ports (both listen with
 *       SO_REUSEPORT: HAProxy by default, nginx by Orrery's {@code reuseport}), check it answers
 *       with its new configuration, then stop the old one gracefully — it stops listening and
 *       finishes what it has; connections waiting in its accept queue move to the new one
 *       ({@code tcp_migrate_req}). The ports are never closed ({@link BalancerCommands#startBeside},
 *       {@link BalancerCommands#handOver});</li>
 *   <li>where the old program cannot share its ports (an nginx configuration from before
 *       {@code reuseport}), in one round trip on the host ({@link BalancerCommands#swap}): stop
 *       it, wait until the ports are free, start the new one. The ports are closed only in
 *       between: the job reports how long, as measured on the host;</li>
 *   <li>on any failure stop the new program, put its previous file back and start the old one again;</li>
 *   <li>let the old program finish its connections (WebSockets: at most {@code oldGrace}, then it
 *       is stopped), so no stray process is left; under systemd the new unit starts at boot, the old not.</li>
 * </ol>
 */
public final class BalancerSwitch {

    /** What the switch did: the cluster as it is now, the live configuration, and how long the ports were closed. */
    public record Result(Cluster cluster, ProxyConfig config, long closedMs) {
    }

    private final Host host;
    private final Function<BalancerKind, BalancerLayout> layouts;
    private final Duration answerDeadline;
    private final Duration oldGrace;

    public BalancerSwitch(Host host, Function<BalancerKind, BalancerLayout> layouts, Duration answerDeadline, Duration oldGrace) {
        this.host = host;
        this.layouts = layouts;
        this.answerDeadline = answerDeadline;
        this.oldGrace = oldGrace;
    }

    public BalancerSwitch(Host host, Function<BalancerKind, BalancerLayout> layouts) {
        this(host, layouts, Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    public Result run(Cluster cluster, BalancerKind to, Progress progress) throws RemoteException, ProxyPushException {
        BalancerKind from = cluster.balancer().kind();
        if (from == to) {
            throw new IllegalArgumentException("the balancer of " + cluster.name() + " already is " + name(to));
        }
        Cluster target = cluster.withBalancer(cluster.balancer().withKind(to));
        boolean systemd = host.exec(BalancerCommands.systemdBooted(), LineListener.IGNORE).ok();
        BalancerLayout oldL = systemd ? layouts.apply(from) : layouts.apply(from).withSystemdUnit(null);
        BalancerLayout newL = systemd ? layouts.apply(to) : layouts.apply(to).withSystemdUnit(null);
        ProxyRenderer.requireRenderable(target, newL);
        List<Integer> ports = cluster.balancer().tls() != null
                ? List.of(cluster.balancer().httpPort(), cluster.balancer().httpsPort()) : List.of(cluster.balancer().httpPort());
        int httpPort = cluster.balancer().httpPort();

        progress.step("Check that " + name(to) + " is installed on " + host.name());
        if (!host.exec(BalancerCommands.installed(to), LineListener.IGNORE).ok()) {
            throw new ProxyPushException(host.name(), "check", name(to) + " is not installed on " + host.name()
                    + " (Debian/Ubuntu: apt-get install " + (to == BalancerKind.NGINX ? "nginx-light" : "haproxy")
                    + "); nothing was changed", false, null);
        }
        ProxyConfig config = render(target, newL, progress);
        validate(config, newL, progress);
        progress.fraction(0.3);

        if (host.exec(BalancerCommands.running(newL), LineListener.IGNORE).ok()) {
            // Not serving the cluster (the old program holds its ports): Debian's default-configured copy.
            progress.step("Stop the " + name(to) + " that already runs with another configuration");
            host.run(BalancerCommands.hardStop(to, newL), progress::log);
        }
        if (to == BalancerKind.HAPROXY && newL.systemdUnit() != null) {
            host.run(BalancerCommands.haproxySoftStopDropIn(newL.systemdUnit()), progress::log);
        }
        if (from == BalancerKind.HAPROXY && oldL.systemdUnit() != null) {
            host.run(BalancerCommands.haproxySoftStopDropIn(oldL.systemdUnit()), progress::log);
        }
        String kept = host.run(BalancerCommands.keepPrevious(newL), progress::log).output();
        boolean hadPrevious = kept.contains(BalancerCommands.KEPT);
        host.run(BalancerCommands.moveIntoPlace(newL.candidatePath(), newL.configPath()), progress::log);

        boolean oldRunning = host.exec(BalancerCommands.running(oldL), LineListener.IGNORE).ok();
        String oldPid = oldRunning && oldL.systemdUnit() == null ? pid(oldL) : null;
        KeepAliveCloser closer = from == BalancerKind.NGINX && oldRunning && oldL.closeFlag() != null ? new KeepAliveCloser(host, oldL) : null;
        long closedMs = -1;
        String stage = "close window";
        try {
            if (closer != null) {
                closer.close(httpPort, ports, progress);
            }
            progress.fraction(0.5);
            boolean handedOver = false;
            if (oldRunning && sharesPorts(from, oldL)) {
                stage = "start beside";
                progress.step("Start " + name(to) + " beside " + name(from) + " on port(s) " + ports);
                ExecResult started = host.exec(BalancerCommands.startBeside(ports, to, BalancerCommands.start(to, newL)), progress::log);
                if (started.exitCode() == 4 && started.output().contains("Address already in use")) {
                    progress.log(name(to) + " could not listen beside " + name(from) + ": stopping one, then starting the other");
                } else if (!started.ok()) {
                    throw new ProxyPushException(host.name(), stage, started.output().strip(), false, null);
                } else {
                    stage = "answer";
                    progress.step("Check that " + name(to) + " answers with the new configuration");
                    progress.fraction(0.6);
                    awaitAnswer(newL, httpPort, config.statusBody(), progress);
                    stage = "hand over";
                    progress.step("Stop " + name(from) + " now that " + name(to) + " listens beside it");
                    ExecResult over = host.exec(BalancerCommands.handOver(ports, from, BalancerCommands.gracefulStop(from, oldL)), progress::log);
                    if (!over.ok()) {
                        throw new ProxyPushException(host.name(), stage, over.output().strip(), false, null);
                    }
                    closedMs = 0;
                    progress.log("the port(s) were never closed: both programs listened during the hand-over");
                    handedOver = true;
                }
            }
            if (!handedOver) {
                stage = "swap";
                progress.step("Stop " + name(from) + " and start " + name(to) + " on port(s) " + ports);
                Command stopOld = oldRunning ? BalancerCommands.gracefulStop(from, oldL) : Command.of("true");
                ExecResult swapped = host.exec(BalancerCommands.swap(ports, stopOld, BalancerCommands.start(to, newL)), progress::log);
                if (!swapped.ok()) {
                    throw new ProxyPushException(host.name(), stage, swapped.output().strip(), false, null);
                }
                closedMs = closedMs(swapped);
                progress.log("the port(s) were closed for " + closedMs + " ms (measured on " + host.name() + ")");
            }
            stage = "answer";
            progress.step("Check that " + name(to) + " answers with the new configuration");
            progress.fraction(0.7);
            awaitAnswer(newL, httpPort, config.statusBody(), progress);
        } catch (RemoteException | ProxyPushException | RuntimeException e) {
            String why = e instanceof ProxyPushException p ? p.detail() : e.getMessage();
            boolean back = goBack(from, to, oldL, newL, ports, hadPrevious, oldRunning, progress);
            throw new ProxyPushException(host.name(), stage, why + (back ? "; " + name(from) + " serves again as before"
                    : "; going back to " + name(from) + " failed too: see the log"), back, e);
        } finally {
            if (closer != null) {
                closer.reopen(progress);
            }
        }
        progress.fraction(0.85);
        letOldFinish(from, oldL, oldPid, progress);
        if (newL.systemdUnit() != null && oldL.systemdUnit() != null) {
            host.run(BalancerCommands.bootWith(newL, oldL), progress::log);
        }
        progress.fraction(1);
        progress.log("live: " + name(to) + ", " + config.statusBody());
        return new Result(target, config, closedMs);
    }

    private ProxyConfig render(Cluster target, BalancerLayout newL, Progress progress) throws RemoteException {
        BalancerFeatures features = BalancerFeatures.STOCK;
        if (target.balancer().kind() == BalancerKind.NGINX) {
            features = BalancerFeatures.fromNginxV(host.exec(BalancerFeatures.detectCommand(), progress::log).output());
        }
        ProxyConfig config = ProxyRenderer.render(target, newL, features);
        Tls tls = target.balancer().tls();
        if (config.kind() == BalancerKind.HAPROXY && tls != null && newL.tlsBundle() != null) {
            progress.step("Combine certificate and key for HAProxy");
            host.run(BalancerCommands.tlsBundle(tls.certificatePath(), tls.keyPath(), newL.tlsBundle()), progress::log);
        }
        if (newL.tempDir() != null) {
            host.run(BalancerCommands.makeDirectory(newL.tempDir()), progress::log);
        }
        // Every rendered configuration answers ACME challenges from this folder (HAProxy: its map must exist).
        host.run(BalancerCommands.acmeFolder(config.kind(), newL), progress::log);
        if (newL.statsSocket() != null && config.kind() == BalancerKind.HAPROXY) {
            host.run(BalancerCommands.makeDirectory(newL.statsSocket().substring(0, newL.statsSocket().lastIndexOf('/'))), progress::log);
        }
        return config;
    }

    private void validate(ProxyConfig config, BalancerLayout newL, Progress progress) throws RemoteException, ProxyPushException {
        progress.step("Upload and validate the " + name(config.kind()) + " configuration");
        host.write(config.bytes(), newL.candidatePath());
        ExecResult check = host.exec(BalancerCommands.validate(config.kind(), newL, newL.candidatePath()), progress::log);
        if (!check.ok()) {
            host.exec(BalancerCommands.remove(newL.candidatePath()), progress::log);
            throw new ProxyPushException(host.name(), "validation", check.output() + "; nothing was changed", false, null);
        }
    }

    private void awaitAnswer(BalancerLayout layout, int httpPort, String body, Progress progress) throws RemoteException, ProxyPushException {
        long deadline = System.nanoTime() + answerDeadline.toNanos();
        String last = "";
        while (true) {
            ExecResult r = host.exec(BalancerCommands.localGet(layout, httpPort, ProxyConfig.STATUS_PATH), LineListener.IGNORE);
            last = r.output();
            if (r.ok() && last.contains(body)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ProxyPushException(host.name(), "answer", "the new balancer did not answer with its configuration within "
                        + answerDeadline.toSeconds() + " s; it said: " + (last.isBlank() ? "(nothing)" : last.strip()), false, null);
            }
            progress.checkCancelled();
            sleep(100);
        }
    }

    /**
     * Whether the running old program's listening sockets let another program listen beside it
     * (SO_REUSEPORT): HAProxy sets it unless told {@code noreuseport}; nginx when its live
     * configuration says {@code reuseport} (every configuration this Orrery renders does).
     */
    private boolean sharesPorts(BalancerKind from, BalancerLayout oldL) throws RemoteException {
        String word = from == BalancerKind.NGINX ? "reuseport" : "noreuseport";
        boolean says = host.exec(Command.of("grep", "-qw", word, oldL.configPath()), LineListener.IGNORE).ok();
        return from == BalancerKind.NGINX ? says : !says;
    }

    /** Stops the new program, puts its previous file back and starts the old one again; true when the old one answers. */
    private boolean goBack(BalancerKind from, BalancerKind to, BalancerLayout oldL, BalancerLayout newL, List<Integer> ports,
                           boolean hadPrevious, boolean oldRunning, Progress progress) {
        progress.step("Go back to " + name(from));
        try {
            host.exec(BalancerCommands.hardStop(to, newL), progress::log);
            if (hadPrevious) {
                host.exec(BalancerCommands.keep(newL.previousPath(), newL.candidatePath()), progress::log);
                host.exec(BalancerCommands.moveIntoPlace(newL.candidatePath(), newL.configPath()), progress::log);
            } else {
                host.exec(BalancerCommands.remove(newL.configPath()), progress::log);
            }
            if (!oldRunning) {
                return true;
            }
            if (host.exec(BalancerCommands.running(oldL), LineListener.IGNORE).ok()
                    && host.exec(BalancerCommands.localGet(oldL, ports.get(0), ProxyConfig.STATUS_PATH), LineListener.IGNORE).ok()) {
                return true; // it never stopped
            }
            ExecResult r = host.exec(BalancerCommands.swap(ports, Command.of("true"), BalancerCommands.start(from, oldL)),
                    progress::log);
            return r.ok() && host.exec(BalancerCommands.localGet(oldL, ports.get(0), ProxyConfig.STATUS_PATH), LineListener.IGNORE)
                    .output().contains("orrery ");
        } catch (RemoteException | RuntimeException e) {
            progress.log("going back to " + name(from) + " failed: " + e.getMessage());
            return false;
        }
    }

    /**
     * The old program finishes its connections; WebSockets would keep it for hours, so after
     * {@code oldGrace} it is stopped (Meteor's clients reconnect, to the new program).
     */
    private void letOldFinish(BalancerKind from, BalancerLayout oldL, String oldPid, Progress progress) throws RemoteException {
        progress.step("Let " + name(from) + " finish its connections (at most " + oldGrace.toSeconds() + " s)");
        long deadline = System.nanoTime() + oldGrace.toNanos();
        while (System.nanoTime() < deadline) {
            if (!oldStillRuns(oldL, oldPid)) {
                progress.log(name(from) + " has finished and exited");
                return;
            }
            progress.checkCancelled();
            sleep(200);
        }
        progress.log(name(from) + " still had connections after " + oldGrace.toSeconds() + " s (WebSockets?): stopping it");
        if (oldL.systemdUnit() != null) {
            host.run(BalancerCommands.hardStop(from, oldL), progress::log);
        } else if (oldPid != null) {
            host.exec(Command.of("kill", "-TERM", oldPid), progress::log);
        }
    }

    private boolean oldStillRuns(BalancerLayout oldL, String oldPid) throws RemoteException {
        if (oldL.systemdUnit() != null) {
            return host.exec(BalancerCommands.running(oldL), LineListener.IGNORE).ok();
        }
        return oldPid != null && host.exec(Command.of("kill", "-0", oldPid), LineListener.IGNORE).ok();
    }

    private String pid(BalancerLayout layout) throws RemoteException {
        String p = host.exec(Command.of("cat", layout.pidFile()), LineListener.IGNORE).output().strip();
        return p.matches("[1-9][0-9]{0,9}") ? p : null;
    }

    private static long closedMs(ExecResult r) {
        for (String l : r.lastLines()) {
            if (l.startsWith(BalancerCommands.CLOSED_MS)) {
                try {
                    return Long.parseLong(l.substring(BalancerCommands.CLOSED_MS.length()).strip());
                } catch (NumberFormatException ignored) {
                    return -1;
                }
            }
        }
        return -1;
    }

    static String name(BalancerKind kind) {
        return kind == BalancerKind.NGINX ? "nginx" : "HAProxy";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.orrery.task.CancelledException();
        }
    }
}
