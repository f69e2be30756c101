package dev.orrery.cli;

import dev.orrery.engine.TlsJob;
import dev.orrery.model.Acme;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Tls;
import dev.orrery.store.ClusterStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code orrery tls issue CLUSTER.json}: gets the balancer's certificate now. With {@code --name}
 * (and the other settings) it first writes the cluster's {@code balancer.tls.acme} section. Says
 * what will happen before acting; a push the balancer needs first (and the reload it costs) runs
 * only with {@code --push}.
 */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Get the balancer's certificate from the ACME CA now and put it live without a reload.",
                "With --name (and the options below) the cluster file's balancer.tls.acme is set first."})
final class TlsIssueCommand extends CliBase {
    @Parameters(paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path clusterFile;

    @Option(names = "--name", paramLabel = "NAME", description = "the public server name (e.g. crater.io); sets up ACME for the cluster")
    String name;

    @Option(names = "--alt", paramLabel = "NAME", description = "another name the certificate covers (repeatable; *.crater.io needs --dns-01)")
    List<String> alt = new ArrayList<>();

    @Option(names = "--email", paramLabel = "ADDRESS", description = "contact address the CA writes to about expiry")
    String email;

    @Option(names = "--ca", paramLabel = "CA", description = "letsencrypt (default), letsencrypt-staging, or an ACME directory URL")
    String ca;

    @Option(names = "--dns-01", description = "prove the names through DigitalOcean DNS (wildcards; no open port 80 needed)")
    boolean dns01;

    @Option(names = "--zone", paramLabel = "DOMAIN", description = "the DigitalOcean domain that holds the names (dns-01; found when left out)")
    String zone;

    @Option(names = "--renew-on", paramLabel = "WHO", description = "orrery (while it runs) or balancer (a daily timer there, with Orrery closed)")
    String renewOn;

    @Option(names = "--push", description = "allow the one configuration push (and reload) the balancer may need first")
    boolean push;

    @Mixin
    HostKeyOption hostKeys = new HostKeyOption();

    @Override
    protected int execute() throws Exception {
        if (renewOn != null && !renewOn.equals("orrery") && !renewOn.equals("balancer")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--renew-on must be orrery or balancer (got " + renewOn + ")");
        }
        Cluster cluster = ClusterStore.load(clusterFile);
        Cluster configured = configure(cluster);
        if (!configured.equals(cluster)) {
            ClusterValidator.requireValid(configured);
            ClusterStore.save(clusterFile, configured);
            ctx().out().println("updated " + clusterFile + ": balancer.tls for " + String.join(", ", configured.balancer().tls().certificateNames()));
        }
        return TlsRun.run(ctx(), configured, TlsJob.Action.ISSUE, push, hostKeys.acceptNew);
    }

    private Cluster configure(Cluster c) {
        boolean any = name != null || !alt.isEmpty() || email != null || ca != null || dns01 || zone != null || renewOn != null;
        if (!any) {
            return c;
        }
        Tls tls = c.balancer().tls();
        if (tls == null || !tls.managedByAcme()) {
            if (name == null && tls == null) {
                throw new InvalidClusterException(List.of(new dev.orrery.model.Problem("--name", "is needed: the cluster has no TLS yet")));
            }
            String server = name != null ? name : tls.serverName();
            Tls fresh = Tls.acme(c.name(), server, Acme.letsEncrypt(null));
            // A certificate installed by hand keeps its paths; Orrery takes the files over.
            tls = tls == null ? fresh : new Tls(server, tls.certificatePath(), tls.keyPath(), fresh.acme());
        } else if (name != null) {
            tls = new Tls(name, tls.certificatePath(), tls.keyPath(), tls.acme());
        }
        Acme a = tls.acme();
        if (!alt.isEmpty()) {
            a = a.withNames(alt);
        }
        if (email != null) {
            a = new Acme(a.directory(), email, a.names(), a.challenge(), a.dnsZone(), a.renewOn());
        }
        if (ca != null) {
            a = a.withDirectory(ca);
        }
        if (dns01 || zone != null) {
            a = a.withChallenge(Acme.Challenge.DNS_01, zone != null ? zone : a.dnsZone());
        }
        if (renewOn != null) {
            a = a.withRenewOn(renewOn.equals("balancer") ? Acme.RenewOn.BALANCER : Acme.RenewOn.ORRERY);
        }
        return c.withBalancer(c.balancer().withTls(tls.withAcme(a)));
    }
}
