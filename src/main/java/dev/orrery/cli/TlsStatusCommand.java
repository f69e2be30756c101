package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;
import dev.orrery.tls.CertificateFacts;
import dev.orrery.tls.CertificateStatus;
import dev.orrery.tls.RenewalAttempt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code orrery tls status CLUSTER.json [--json]}: each balancer's certificate as served (read
 * from outside), the last renewal result, who renews and when next. Exit 1 when the renewal
 * keeps failing, the certificate is close to expiry or it cannot be read, so a monitoring script
 * can run it.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each balancer's certificate (read from outside): issuer, names, expiry, last renewal result, next renewal.",
                "Exit 0 when all is well, 1 when the renewal keeps failing, expiry is near, or the certificate cannot be read."})
final class TlsStatusCommand extends CliBase {
    @Parameters(paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path clusterFile;

    @Option(names = "--json", description = "print one JSON object per balancer (fields: cluster, balancer, names, ca, renewOn, served"
            + " {subject, names, issuer, notBefore, notAfter, serial, sha256} or null, servedError, last {at, action, ok, step, message, by}"
            + " or null, failuresInARow, nextRenewal, alarm, alarmText)")
    boolean json;

    @Mixin
    HostKeyOption hostKeys = new HostKeyOption();

    @Override
    protected int execute() throws Exception {
        Cluster cluster = ClusterStore.load(clusterFile);
        CertificateStatus s;
        try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
            s = ctx().orrery().tls().status(cluster, hosts::hostFor);
        }
        if (json) {
            JsonOutput.print(ctx(), asJson(s));
        } else {
            print(s);
        }
        return s.alarm() || s.served() == null ? 1 : 0;
    }

    private void print(CertificateStatus s) {
        CertificateFacts f = s.served();
        TextTable t = new TextTable("BALANCER", "NAMES", "ISSUER", "EXPIRES", "LEFT", "SERIAL", "LAST RENEWAL", "RENEWED BY", "NEXT RENEWAL");
        t.row(s.balancer(), String.join(",", f != null ? f.names() : s.names()), f == null ? "-" : f.issuer() + (s.selfSigned() ? " (self-signed)" : ""),
                f == null ? "-" : f.notAfter().toString().substring(0, 16).replace('T', ' '), s.left(), f == null ? "-" : f.serial(),
                s.last() == null ? "none yet" : s.last().summary(), s.renewOn(),
                s.nextRenewal() == null ? "-" : s.nextRenewal().toString().substring(0, 16).replace('T', ' '));
        ctx().out().print(t);
        ctx().out().println("CA: " + s.ca());
        if (s.servedError() != null) {
            ctx().out().println("cannot read the served certificate: " + s.servedError());
        }
        if (s.last() != null && !s.last().ok() && s.last().message() != null) {
            ctx().out().println("last failure: " + s.last().message());
        }
        if (s.alarm()) {
            ctx().out().println("ALARM: " + s.alarmText());
        }
    }

    static Map<String, Object> asJson(CertificateStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", s.cluster());
        m.put("balancer", s.balancer());
        m.put("names", s.names());
        m.put("ca", s.ca());
        m.put("renewOn", s.renewOn());
        CertificateFacts f = s.served();
        if (f == null) {
            m.put("served", null);
        } else {
            Map<String, Object> sf = new LinkedHashMap<>();
            sf.put("subject", f.subject());
            sf.put("names", f.names());
            sf.put("issuer", f.issuer());
            sf.put("notBefore", f.notBefore());
            sf.put("notAfter", f.notAfter());
            sf.put("serial", f.serial());
            sf.put("sha256", f.sha256());
            m.put("served", sf);
        }
        m.put("servedError", s.servedError());
        RenewalAttempt a = s.last();
        if (a == null) {
            m.put("last", null);
        } else {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("at", a.at());
            am.put("action", a.action());
            am.put("ok", a.ok());
            am.put("step", a.step());
            am.put("message", a.message());
            am.put("by", a.by());
            m.put("last", am);
        }
        m.put("failuresInARow", s.failures());
        m.put("nextRenewal", s.nextRenewal());
        m.put("alarm", s.alarm());
        m.put("alarmText", s.alarmText());
        return m;
    }
}
