package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Tls;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.List;

/**
 * Puts a configuration live on the balancer host: upload beside the live file → validate with
 * the balancer's own binary → keep the live one as previous → rename the new one into place →
 * graceful reload → ask the balancer (from its own host) for the new configuration's fingerprint.
 * Any failure after the rename puts the previous file back and reloads. A file that failed
 * validation is never renamed into place, so it is never live, not even for a moment.
 *
 * <p>Behind nginx the reload is preceded by a <em>close window</em>: a reload makes nginx's old
 * workers close their idle keep-alive connections at once, and a client that sends its next
 * request on such a connection at that moment gets an EOF or a reset (measured: one lost request
 * per idle client connection, see {@code ScaleOutBenchmark}). So the push first raises the
 * layout's close flag, which the rendered configuration turns into {@code Connection: close} on
 * every answer; it waits until the client connections that were open have closed after their
 * next answer (at most the keep-alive timeout, after which nginx closes an idle one itself);
 * then it reloads, checks the new configuration answers, and lowers the flag.
 */
public final class ProxyPush {
    /** Answers with the new fingerprint in a row, 200 ms apart, before a push counts as live. */
    static final int ANSWERS_IN_A_ROW = 3;

    private final Host host;
    private final Duration answerDeadline;
    private BalancerLayout layout;
    private boolean systemdChecked;
    private List<Integer> clientPorts = List.of();

    public ProxyPush(Host host, BalancerLayout layout, Duration answerDeadline) {
        this.host = host;
        this.layout = layout;
        this.answerDeadline = answerDeadline;
    }

    public ProxyPush(Host host, BalancerLayout layout) {
        this(host, layout, Duration.ofSeconds(20));
    }

    /** Detects the nginx modules on the host, renders the cluster and pushes it. Refuses an invalid cluster before touching the host. */
    public ProxyConfig push(Cluster cluster, Progress progress) throws RemoteException, ProxyPushException {
        ProxyRenderer.requireRenderable(cluster, layout);
        BalancerFeatures features = BalancerFeatures.STOCK;
        if (cluster.balancer().kind() == BalancerKind.NGINX) {
            progress.step("Detect nginx modules on " + host.name());
            features = BalancerFeatures.fromNginxV(host.exec(BalancerFeatures.detectCommand(), progress::log).output());
            progress.log(features.checkModule() ? "upstream check module found: out-of-band checks" : "stock nginx: passive checks");
        }
        ProxyConfig config = ProxyRenderer.render(cluster, layout, features);
        ProxyRenderer.leftOut(cluster).forEach(s -> progress.log("left out of the balancer (it cannot take traffic): " + s));
        Tls tls = cluster.balancer().tls();
        clientPorts = tls != null ? List.of(cluster.balancer().httpPort(), cluster.balancer().httpsPort())
                : List.of(cluster.balancer().httpPort());
        if (tls != null && tls.managedByAcme()) {
            // Orrery owns an ACME certificate's files: the key is made on the balancer, and a
            // stand-in certificate lets the balancer start before the CA's first one arrives.
            host.run(BalancerCommands.ensureTlsKey(tls.certificatePath(), tls.keyPath(), tls.serverName(),
                    config.kind() == BalancerKind.NGINX ? layout.user() : null), progress::log);
        }
        if (config.kind() == BalancerKind.HAPROXY && tls != null && layout.tlsBundle() != null) {
            progress.step("Combine certificate and key for HAProxy");
            host.run(BalancerCommands.tlsBundle(tls.certificatePath(), tls.keyPath(), layout.tlsBundle()), progress::log);
        }
        return push(config, cluster.balancer().httpPort(), progress);
    }

    /** Pushes an already rendered configuration (also how tests push a broken one). */
    public ProxyConfig push(ProxyConfig config, int httpPort, Progress progress) throws RemoteException, ProxyPushException {
        useSystemdOnlyWhereItRuns(progress);
        BalancerKind kind = config.kind();
        String live = layout.configPath();
        String candidate = layout.candidatePath();
        String previous = layout.previousPath();
        if (layout.tempDir() != null) {
            host.run(BalancerCommands.makeDirectory(layout.tempDir()), progress::log);
        }
        host.run(BalancerCommands.acmeFolder(kind, layout), progress::log);
        if (layout.statsSocket() != null && kind == BalancerKind.HAPROXY) {
            // systemd makes /run/haproxy for its unit; a balancer Orrery starts itself needs it too
            host.run(BalancerCommands.makeDirectory(layout.statsSocket().substring(0, layout.statsSocket().lastIndexOf('/'))), progress::log);
        }

        progress.step("Upload configuration to " + host.name());
        progress.fraction(0.1);
        host.write(config.bytes(), candidate);

        progress.step("Validate with the balancer's own " + (kind == BalancerKind.NGINX ? "nginx -t" : "haproxy -c"));
        progress.fraction(0.3);
        ExecResult check = host.exec(BalancerCommands.validate(kind, layout, candidate), progress::log);
        if (!check.ok()) {
            host.exec(BalancerCommands.remove(candidate), progress::log);
            throw new ProxyPushException(host.name(), "validation", check.output(), false, null);
        }

        progress.step("Keep the previous configuration");
        progress.fraction(0.5);
        String state = host.run(BalancerCommands.keepPrevious(layout), progress::log).output();
        boolean hadPrevious = state.contains(BalancerCommands.KEPT);
        boolean wasRunning = layout.systemdUnit() != null || state.contains(BalancerCommands.RUNNING);
        boolean closeWindow = kind == BalancerKind.NGINX && wasRunning && layout.closeFlag() != null;
        if (closeWindow && !state.contains(BalancerCommands.HONOURS_CLOSE_FLAG)) {
            closeWindow = false;
            progress.log("the running nginx configuration predates Orrery's close flag: this reload may drop idle keep-alive "
                    + "requests once; later pushes will not");
        }

        host.run(BalancerCommands.moveIntoPlace(candidate, live), progress::log);
        String stage = "reload";
        try {
            if (closeWindow) {
                stage = "close window";
                new KeepAliveCloser(host, layout).close(httpPort, clientPorts.isEmpty() ? List.of(httpPort) : clientPorts, progress);
                stage = "reload";
            }
            progress.step("Reload " + kind.name().toLowerCase());
            progress.fraction(0.7);
            host.run(BalancerCommands.reload(kind, layout, wasRunning), progress::log);
            stage = "answer";
            progress.step("Check that the balancer answers with the new configuration");
            progress.fraction(0.85);
            awaitFingerprint(config, httpPort, progress);
            progress.fraction(1);
            progress.log("live: " + config.statusBody());
            return config;
        } catch (RemoteException | ProxyPushException e) {
            String why = e instanceof ProxyPushException p ? p.detail() : e.getMessage();
            boolean restored = restore(kind, hadPrevious, wasRunning, progress);
            throw new ProxyPushException(host.name(), stage, why, restored, e);
        } finally {
            if (closeWindow) {
                new KeepAliveCloser(host, layout).reopen(progress);
            }
        }
    }

    /** A droplet's layout names its systemd unit; a host without systemd (a container, a test host) is driven by signals. */
    private void useSystemdOnlyWhereItRuns(Progress progress) throws RemoteException {
        if (systemdChecked || layout.systemdUnit() == null) {
            return;
        }
        systemdChecked = true;
        if (!host.exec(BalancerCommands.systemdBooted(), dev.orrery.remote.LineListener.IGNORE).ok()) {
            progress.log("no systemd on " + host.name() + ": reloading by signal");
            layout = layout.withSystemdUnit(null);
        }
    }

    private void awaitFingerprint(ProxyConfig config, int httpPort, Progress progress) throws RemoteException, ProxyPushException {
        long deadline = System.nanoTime() + answerDeadline.toNanos();
        String last = "";
        int agreeing = 0;
        while (true) {
            ExecResult r = host.exec(BalancerCommands.localGet(layout, httpPort, ProxyConfig.STATUS_PATH), dev.orrery.remote.LineListener.IGNORE);
            last = r.output();
            // After a reload the old workers keep accepting until the master tells them to quit (nginx
            // waits 100 ms after starting the new ones; longer on a loaded host), so one new answer can
            // be followed by an old one. Only answers in a row that span that window mean "live".
            agreeing = r.ok() && last.contains(config.statusBody()) ? agreeing + 1 : 0;
            if (agreeing >= ANSWERS_IN_A_ROW) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ProxyPushException(host.name(), "answer", "the balancer did not answer with the new configuration within "
                        + answerDeadline.toSeconds() + " s; it said: " + (last.isBlank() ? "(nothing)" : last.strip()), false, null);
            }
            progress.checkCancelled();
            sleep(200);
        }
    }

    private boolean restore(BalancerKind kind, boolean hadPrevious, boolean wasRunning, Progress progress) {
        progress.step("Restore the previous configuration");
        try {
            if (!hadPrevious) {
                host.exec(BalancerCommands.remove(layout.configPath()), progress::log);
                return false;
            }
            String staging = layout.candidatePath();
            host.run(BalancerCommands.keep(layout.previousPath(), staging), progress::log);
            host.run(BalancerCommands.moveIntoPlace(staging, layout.configPath()), progress::log);
            boolean running = layout.systemdUnit() != null || host.exec(BalancerCommands.isRunning(layout), progress::log).ok();
            host.run(BalancerCommands.reload(kind, layout, running), progress::log);
            return true;
        } catch (RemoteException | RuntimeException e) {
            progress.log("restoring the previous configuration failed too: " + e.getMessage());
            return false;
        }
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
