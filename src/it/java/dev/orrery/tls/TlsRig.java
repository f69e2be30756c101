package dev.orrery.tls;

import dev.orrery.engine.Orrery;
import dev.orrery.engine.TlsJob;
import dev.orrery.model.Acme;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerRig;
import dev.orrery.store.OrreryHome;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A balancer on a test host (real nginx or HAProxy, real app processes behind it), Pebble as the
 * CA, and an Orrery engine with its own data folder whose certificate jobs run against them.
 * The names {@link #NAME} and {@code www.}{@link #NAME} point at the balancer in Pebble's DNS.
 */
public final class TlsRig implements AutoCloseable {
    public static final String NAME = "crater.test";

    public final BalancerRig balancer;
    public final AcmeRig acme;
    public final Orrery orrery;
    final Path home;

    public TlsRig(BalancerKind kind, String... extraHostDirs) throws Exception {
        this(kind, Map.of(), extraHostDirs);
    }

    /** {@code env}: the engine's environment, e.g. DIGITALOCEAN_API_URL and DIGITALOCEAN_TOKEN of a fake API. */
    public TlsRig(BalancerKind kind, Map<String, String> env, String... extraHostDirs) throws Exception {
        BalancerRig b = new BalancerRig(kind, 2, 0, extraHostDirs);
        AcmeRig a = null;
        Orrery o = null;
        try {
            a = AcmeRig.start(b.hosts.scratch("acme"), b.hosts.bridgeAddress());
            a.addA(NAME, b.balancerAddress());
            a.addA("www." + NAME, b.balancerAddress());
            home = b.hosts.scratch("orrery-home");
            o = new Orrery(new OrreryHome(home), Orrery.Prompts.none(), env);
            o.tls().setLayouts(c -> b.layout);
            o.tls().setSettings(new TlsSettings(AcmeTrust.withRootsFrom(a.trust()), DnsLookup.jndi(List.of(a.dnsServer())),
                    Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(5)));
        } catch (Exception | Error e) {
            if (o != null) {
                o.close();
            }
            if (a != null) {
                a.close();
            }
            b.close();
            throw e;
        }
        this.balancer = b;
        this.acme = a;
        this.orrery = o;
    }

    public Cluster cluster(Acme.Challenge challenge, List<String> names, Acme.RenewOn renewOn) {
        Cluster c = balancer.cluster(Stickiness.CONSISTENT_HASH);
        Acme acmeSettings = new Acme(acme.directoryUrl(), "ops@" + NAME, names, challenge,
                challenge == Acme.Challenge.DNS_01 ? NAME : null, renewOn);
        return c.withBalancer(new Balancer(c.balancer().kind(), c.balancer().stickiness(), new HealthCheck("/health", 500, 2, 2, 1000),
                Tls.acme(c.name(), NAME, acmeSettings), 80, 443, List.of()));
    }

    public Cluster http01() {
        return cluster(Acme.Challenge.HTTP_01, List.of("www." + NAME), Acme.RenewOn.ORRERY);
    }

    public CertificateWork.Outcome run(Cluster c, TlsJob.Action action, boolean push) throws Exception {
        TlsJob job = orrery.tls().job(c, s -> balancer.balancer, action, push);
        long t0 = System.nanoTime();
        try {
            return orrery.submit(job).result().get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            System.out.println(job.title() + ": " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    /** The certificate the balancer serves now, read from this machine. */
    public CertificateFacts served() throws Exception {
        List<X509Certificate> chain = ServedCertificate.read(balancer.balancerAddress(), 443, NAME, Duration.ofSeconds(5));
        return CertificateFacts.of(chain.get(0));
    }

    @Override
    public void close() {
        orrery.close();
        acme.close();
        balancer.close();
    }
}
