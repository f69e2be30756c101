package dev.orrery.tls;

import dev.orrery.cloud.DomainRecords;
import dev.orrery.model.Acme;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.ProxyPushException;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gets (or renews) the certificate of one balancer and puts it live without losing a request:
 * plan → (push once, if the live configuration is not this cluster's) → the balancer's key and
 * certificate request → the ACME order with the cluster's challenge → install without a reload →
 * read the served certificate from outside until its serial is the new one → renewals on the
 * balancer set up or taken away as the cluster says. A failure names its step; before the
 * install nothing on the balancer changed, so the old certificate keeps serving.
 */
public final class CertificateWork {
    private final Cluster cluster;
    private final Tls tls;
    private final Server balancer;
    private final Host host;
    private final BalancerLayout layout;
    private final Supplier<KeyPair> accountKey;
    private final Supplier<DomainRecords> dns;
    private final TlsSettings settings;
    private final List<Host> peers;

    /** What a finished run did. {@code issueToServed}: from the order to the new certificate seen from outside. */
    public record Outcome(CertificateFacts served, Duration issueToServed, boolean pushed, String renewals) {
    }

    public CertificateWork(Cluster cluster, Server balancer, Host host, BalancerLayout layout, Supplier<KeyPair> accountKey,
                           Supplier<DomainRecords> dns, TlsSettings settings) {
        this(cluster, balancer, host, layout, accountKey, dns, settings, List.of());
    }

    /**
     * For one balancer of a failover pair: its own key, order and certificate, with the http-01
     * token also put on {@code peers} (the other balancer), where the CA may reach the reserved IP.
     */
    public CertificateWork(Cluster cluster, Server balancer, Host host, BalancerLayout layout, Supplier<KeyPair> accountKey,
                           Supplier<DomainRecords> dns, TlsSettings settings, List<Host> peers) {
        this.peers = List.copyOf(peers);
        this.cluster = cluster;
        this.tls = cluster.balancer().tls();
        this.balancer = balancer;
        this.host = host;
        this.layout = layout;
        this.accountKey = accountKey;
        this.dns = dns;
        this.settings = settings;
    }

    /** Refuses, with every reason, a cluster whose certificate Orrery cannot get. Touches nothing. */
    public static void requireAcme(Cluster cluster) throws TlsException {
        List<Problem> problems = ClusterValidator.validate(cluster);
        if (!problems.isEmpty()) {
            throw new TlsException(TlsStep.PLAN, "the cluster file is not valid: " + problems.stream()
                    .map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        }
        Tls tls = cluster.balancer().tls();
        if (tls == null || !tls.managedByAcme()) {
            throw new TlsException(TlsStep.PLAN, "cluster " + cluster.name() + " has no ACME certificate: set balancer.tls with"
                    + " a serverName and an \"acme\" section (orrery tls issue --name NAME sets both)");
        }
        if (cluster.balancerServer().isEmpty()) {
            throw new TlsException(TlsStep.PLAN, "cluster " + cluster.name() + " has no load balancer server");
        }
        if (cluster.balancerServers().size() > 1 && tls.acme().renewOn() == Acme.RenewOn.BALANCER) {
            // each balancer's timer would order through the reserved IP, which reaches only the active one
            throw new TlsException(TlsStep.PLAN, "renewals on the balancer do not work for a failover pair: the CA reaches only "
                    + "the balancer holding the reserved IP, so the standby's timer would fail and its certificate expire; "
                    + "set balancer.tls.acme.renewOn to orrery (Orrery renews both)");
        }
    }

    public CertificatePlan plan(Progress progress) throws TlsException, RemoteException {
        requireAcme(cluster);
        String live = liveConfiguration(progress);
        Acme acme = tls.acme();
        String pushEffect = cluster.balancer().kind() == BalancerKind.NGINX
                ? "nginx reloads once, and keep-alive requests in flight at that moment may fail; renewals after it need no reload"
                : "HAProxy reloads once (its listeners are handed over, connections are not dropped); renewals after it need no reload";
        String install = cluster.balancer().kind() == BalancerKind.NGINX
                ? "nginx reads the certificate at each new TLS handshake, so the new one is served at once, no reload"
                : "through HAProxy's runtime API (set ssl cert, commit ssl cert), no reload";
        String challenge = acme.challenge() == Acme.Challenge.DNS_01
                ? "dns-01: a TXT record at DigitalOcean, removed afterwards"
                : peers.isEmpty() ? "http-01: a token served on port 80 of " + balancer.publicAddress() + ", removed afterwards"
                : "http-01: a token served on port 80 of both balancers (the CA reaches whichever holds the reserved IP), removed afterwards";
        String renewals = acme.renewOn() == Acme.RenewOn.BALANCER
                ? "a daily timer on the balancer (works while Orrery is closed)"
                : "Orrery, while it runs, " + RenewalPolicy.DEFAULT.renewBefore().toDays() + " days before expiry";
        return new CertificatePlan(live != null, live, pushEffect, install, challenge, renewals);
    }

    public Outcome run(boolean pushAllowed, Progress progress) throws TlsException, RemoteException, InterruptedException {
        String lb = balancer.name();
        progress.serverStep(lb, "TLS · plan", false);
        CertificatePlan plan = plan(progress);
        boolean pushed = false;
        if (plan.pushNeeded()) {
            if (!pushAllowed) {
                throw new TlsException(TlsStep.PUSH, "the balancer does not run this cluster's configuration yet (" + plan.live()
                        + "), which has the ACME location on port 80 and the reload-free certificate. It must be pushed once first: "
                        + plan.pushEffect()
                        + ". Allow the push (orrery tls issue --push, or confirm in the window)");
            }
            progress.serverStep(lb, "TLS · push configuration", false);
            try {
                new ProxyPush(host, layout).push(cluster, progress);
                pushed = true;
            } catch (ProxyPushException e) {
                throw new TlsException(TlsStep.PUSH, e.getMessage(), true, e);
            }
        }

        progress.serverStep(lb, "TLS · key and request", false);
        List<String> names = tls.certificateNames();
        byte[] csr;
        try {
            host.run(BalancerCommands.ensureTlsKey(tls.certificatePath(), tls.keyPath(), tls.serverName(),
                    cluster.balancer().kind() == BalancerKind.NGINX ? layout.user() : null), progress::log);
            String pem = host.run(TlsCommands.certificateRequest(tls.keyPath(), names), LineListener.IGNORE).output();
            csr = Pem.der(pem, "CERTIFICATE REQUEST");
        } catch (RemoteException | IllegalArgumentException e) {
            throw new TlsException(TlsStep.KEY, e.getMessage(), true, e);
        }

        long t0 = System.nanoTime();
        progress.serverStep(lb, "TLS · " + tls.acme().challenge().word(), false);
        CertificateOrder order = new CertificateOrder(AcmeCa.session(tls.acme().directory(), settings.trust()), accountKey.get(),
                tls.acme().email(), settings.validationTimeout());
        List<X509Certificate> chain = order.order(names, csr, responder(), progress);
        CertificateFacts issued = CertificateFacts.of(chain.get(0));
        progress.log("issued by " + issued.issuer() + ": serial " + issued.serial() + ", valid until " + issued.notAfter());

        progress.serverStep(lb, "TLS · install", false);
        progress.step("Install the certificate on " + host.name() + " without a reload");
        new CertificateInstaller(host, cluster.balancer().kind(), layout).install(tls, Pem.certificates(chain), progress);

        progress.step("Check the served certificate from outside (" + balancer.publicAddress() + ":" + cluster.balancer().httpsPort() + ")");
        CertificateFacts served = awaitServed(issued, progress);
        Duration issueToServed = Duration.ofNanos(System.nanoTime() - t0);
        progress.log("served: serial " + served.serial() + " (" + issueToServed.toMillis() + " ms from the order)");

        progress.serverStep(lb, "TLS · renewals", false);
        String renewals = renewals(progress);
        progress.serverDone(lb, "certificate until " + served.notAfter().toString().substring(0, 10));
        return new Outcome(served, issueToServed, pushed, renewals);
    }

    private ChallengeResponder responder() throws TlsException {
        Acme acme = tls.acme();
        if (acme.challenge() == Acme.Challenge.DNS_01) {
            DomainRecords records;
            try {
                records = dns.get();
            } catch (RuntimeException e) {
                throw new TlsException(TlsStep.DNS01_PUBLISH, "dns-01 needs DigitalOcean's API: " + e.getMessage(), true, e);
            }
            return new Dns01Responder(records, acme.dnsZone(), settings.dns(), settings.dnsPropagation());
        }
        return new Http01Responder(host, peers, cluster.balancer().kind(), layout, balancer.publicAddress(), cluster.balancer().httpPort(),
                settings.httpTimeout());
    }

    /** Reads the served chain from outside until its serial is the new one; nginx serves it from the next handshake, HAProxy at once. */
    private CertificateFacts awaitServed(CertificateFacts issued, Progress progress) throws TlsException {
        long deadline = System.nanoTime() + settings.servedTimeout().toNanos();
        String last = "nothing";
        while (true) {
            try {
                List<X509Certificate> served = ServedCertificate.read(balancer.publicAddress(), cluster.balancer().httpsPort(), tls.serverName(),
                        settings.httpTimeout());
                CertificateFacts f = CertificateFacts.of(served.get(0));
                if (f.serial().equals(issued.serial())) {
                    progress.log("the balancer serves the new certificate (" + served.size() + " in the chain, until " + f.notAfter() + ")");
                    return f;
                }
                last = "serial " + f.serial() + " from " + f.issuer();
            } catch (java.io.IOException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new TlsException(TlsStep.VERIFY, "after the install the balancer still serves " + last + " on "
                        + balancer.publicAddress() + ":" + cluster.balancer().httpsPort() + ", not the new serial " + issued.serial(), false, null);
            }
            progress.checkCancelled();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.orrery.task.CancelledException();
            }
        }
    }

    private String renewals(Progress progress) throws TlsException, RemoteException {
        RenewalScript files = new RenewalScript(cluster, layout, AcmeCa.directoryUrl(tls.acme().directory()),
                settings.trust().file() != null, RenewalScript.Paths.of(cluster.name()));
        RenewalTimer timer = new RenewalTimer(host, files, cluster.balancer().kind());
        if (tls.acme().renewOn() == Acme.RenewOn.BALANCER) {
            if (tls.acme().challenge() != Acme.Challenge.HTTP_01) {
                throw new TlsException(TlsStep.TIMER, "renewals on the balancer use http-01 only (dns-01 would need a DigitalOcean token"
                        + " on the balancer); set renewOn to orrery for this cluster", false, null);
            }
            progress.step("Set up renewals on " + host.name());
            String where = timer.install(accountKey.get(), settings.trust().file(), progress);
            progress.log("renewals: " + where);
            return where;
        }
        if (timer.remove(progress)) {
            progress.log("the balancer's renewal timer was removed: Orrery renews this certificate");
        }
        return "Orrery, while it runs (" + RenewalPolicy.DEFAULT.renewBefore().toDays() + " days before expiry)";
    }

    /** Null when the balancer answers with this cluster's configuration; otherwise what it answered instead. */
    private String liveConfiguration(Progress progress) throws RemoteException {
        BalancerFeatures features = BalancerFeatures.STOCK;
        if (cluster.balancer().kind() == BalancerKind.NGINX) {
            features = BalancerFeatures.fromNginxV(host.exec(BalancerFeatures.detectCommand(), LineListener.IGNORE).output());
        }
        ProxyConfig config = ProxyRenderer.render(cluster, layout, features);
        var r = host.exec(BalancerCommands.localGet(layout, cluster.balancer().httpPort(), ProxyConfig.STATUS_PATH), LineListener.IGNORE);
        String answer = r.output().strip();
        if (r.ok() && answer.contains(config.statusBody())) {
            progress.log("the balancer runs this cluster's configuration (" + config.fingerprint() + ")");
            return null;
        }
        String live = !r.ok() ? "it does not answer on its own port " + cluster.balancer().httpPort() + ": "
                + (answer.isEmpty() ? "exit " + r.exitCode() : answer.lines().reduce((a, b) -> b).orElse(answer))
                : answer.startsWith("orrery ") ? "it runs configuration " + answer.substring(7) + ", this cluster's is " + config.fingerprint()
                : "it runs a configuration Orrery did not write";
        progress.log("the balancer: " + live);
        return live;
    }
}
