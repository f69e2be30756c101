package dev.orrery.tls;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.nio.charset.StandardCharsets;

/**
 * Puts a new certificate chain live on the balancer without a reload, so no request is lost:
 * <ul>
 *   <li>nginx reads the certificate at each full handshake (a variable in its path), so the
 *       chain is renamed over the old file and the next connection gets it;</li>
 *   <li>HAProxy gets it through its runtime API ({@code set ssl cert}, {@code commit ssl cert}),
 *       and the bundle file it reads at start is rewritten first, so a later restart agrees.</li>
 * </ul>
 * The chain lands under a temporary name and must match the balancer's key before it replaces
 * anything; the key itself never changes (see proxy.BalancerCommands#ensureTlsKey).
 */
final class CertificateInstaller {
    private final Host host;
    private final BalancerKind kind;
    private final BalancerLayout layout;

    CertificateInstaller(Host host, BalancerKind kind, BalancerLayout layout) {
        this.host = host;
        this.kind = kind;
        this.layout = layout;
    }

    void install(Tls tls, String chainPem, Progress progress) throws TlsException, RemoteException {
        String candidate = tls.certificatePath() + ".orrery-new";
        host.write(chainPem.getBytes(StandardCharsets.US_ASCII), candidate, 0644);
        if (!host.exec(TlsCommands.matchesKey(candidate, tls.keyPath()), progress::log).ok()) {
            host.exec(TlsCommands.remove(candidate), LineListener.IGNORE);
            throw new TlsException(TlsStep.INSTALL, "the new certificate does not match the balancer's key " + tls.keyPath()
                    + "; nothing was replaced", true, null);
        }
        host.run(TlsCommands.move(candidate, tls.certificatePath()), progress::log);
        progress.log("certificate written to " + tls.certificatePath());
        if (kind == BalancerKind.HAPROXY) {
            commitToHaproxy(tls, progress);
        } else {
            progress.log("nginx reads it at the next handshake (no reload)");
        }
    }

    private void commitToHaproxy(Tls tls, Progress progress) throws TlsException, RemoteException {
        if (layout.statsSocket() == null || layout.tlsBundle() == null) {
            throw new TlsException(TlsStep.INSTALL, "this HAProxy layout has no runtime API socket, so the certificate cannot be"
                    + " changed without a reload; push the configuration to load it", true, null);
        }
        host.run(BalancerCommands.tlsBundle(tls.certificatePath(), tls.keyPath(), layout.tlsBundle()), progress::log);
        boolean socat = host.exec(BalancerCommands.hasSocat(), LineListener.IGNORE).ok();
        StringBuilder answer = new StringBuilder();
        ExecResult r = host.exec(TlsCommands.commitCertificate(layout.statsSocket(), layout.tlsBundle(), socat),
                l -> answer.append(l).append('\n'));
        if (!r.ok() || !answer.toString().contains(TlsCommands.COMMITTED)) {
            String said = answer.toString().lines().filter(l -> !l.isBlank() && !l.startsWith(" ")).reduce((a, b) -> a + " " + b).orElse("");
            throw new TlsException(TlsStep.INSTALL, "HAProxy's runtime API did not take the certificate: "
                    + (said.length() > 300 ? said.substring(0, 300) + "…" : said) + " (the new bundle is in " + layout.tlsBundle()
                    + " and loads at the next push or restart)", true, null);
        }
        progress.log("HAProxy took the certificate through its runtime API (no reload)");
    }
}
