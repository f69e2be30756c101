package dev.orrery.tls;

import dev.orrery.model.Acme;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.Tls;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Puts a {@link CertificateStatus} together: reads the served certificate from outside, the
 * attempts from the history store, and (when the balancer renews) its timer's last result over
 * SSH; then asks the {@link RenewalPolicy} when the next renewal is and whether to alarm.
 */
public final class CertificateStatusReader {
    private final TlsHistory history;
    private final RenewalPolicy policy;
    private final Clock clock;
    private final Duration timeout;

    public CertificateStatusReader(TlsHistory history, RenewalPolicy policy, Clock clock, Duration timeout) {
        this.history = history;
        this.policy = policy;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** {@code host} (the balancer over SSH) is read only when the balancer renews; null skips it. */
    public CertificateStatus read(Cluster cluster, Host host) throws SQLException {
        return read(cluster, cluster.balancerServer().orElseThrow(), host);
    }

    /**
     * The worst of a failover pair's statuses, which is the one to act on: one in alarm, then one
     * whose certificate could not be read, then the one that expires first.
     */
    public static CertificateStatus worst(List<CertificateStatus> each) {
        return each.stream().min(java.util.Comparator.comparing((CertificateStatus s) -> !s.alarm())
                .thenComparing(s -> s.servedError() == null)
                .thenComparing(s -> s.served() == null ? Instant.MIN : s.served().notAfter())).orElseThrow();
    }

    /** The certificate {@code lb} serves, read from outside at its own public address. */
    public CertificateStatus read(Cluster cluster, Server lb, Host host) throws SQLException {
        Tls tls = cluster.balancer().tls();
        Instant now = clock.instant();
        CertificateFacts served = null;
        String servedError = null;
        if (tls != null) {
            try {
                List<X509Certificate> chain = ServedCertificate.read(lb.publicAddress(), cluster.balancer().httpsPort(), tls.serverName(), timeout);
                served = CertificateFacts.of(chain.get(0));
            } catch (java.io.IOException | RuntimeException e) {
                servedError = "cannot read the certificate on " + lb.publicAddress() + ":" + cluster.balancer().httpsPort() + ": " + e.getMessage();
            }
        } else {
            servedError = "no TLS in the cluster file";
        }
        Acme acme = tls == null ? null : tls.acme();
        boolean onBalancer = acme != null && acme.renewOn() == Acme.RenewOn.BALANCER;
        Optional<RenewalAttempt> last = history.last(cluster.name(), lb.name());
        int failures = history.failuresInARow(cluster.name(), lb.name());
        if (onBalancer && host != null) {
            Optional<RenewalAttempt> timer = balancerTimer(cluster, lb, host);
            if (timer.isPresent() && (last.isEmpty() || timer.get().at().isAfter(last.get().at()))) {
                last = timer;
                failures = timer.get().ok() ? 0 : Math.max(1, failures);
            }
        }
        Instant notAfter = served != null && !served.issuer().equals(served.subject()) ? served.notAfter()
                : last.filter(RenewalAttempt::ok).map(RenewalAttempt::notAfter).orElse(null);
        Instant lastFailure = last.filter(a -> !a.ok()).map(RenewalAttempt::at).orElse(null);
        Instant next = acme == null ? null : policy.nextAttempt(notAfter, failures, lastFailure, now);
        boolean alarm = acme != null && (policy.alarm(notAfter, failures, now)
                || (onBalancer && notAfter != null && Duration.between(now, notAfter).compareTo(policy.alarmWhenLeft()) < 0));
        String alarmText = alarm ? alarmText(tls, lb, notAfter, failures, last.orElse(null), now) : null;
        return new CertificateStatus(cluster.name(), lb.name(), tls == null ? List.of() : tls.certificateNames(),
                acme == null ? "installed by hand" : AcmeCa.describe(acme.directory()),
                acme == null ? "nobody (by hand)" : onBalancer ? "the balancer (daily timer)" : "Orrery",
                served, servedError, last.orElse(null), failures, next, alarm, alarmText, now);
    }

    /** The balancer timer's last line: {@code 2026-12-01T03:17:02Z ok VERIFY served 1a2b…}. */
    Optional<RenewalAttempt> balancerTimer(Cluster cluster, Server lb, Host host) {
        try {
            ExecResult r = host.exec(TlsCommands.read(RenewalScript.Paths.of(cluster.name()).status()), LineListener.IGNORE);
            return r.ok() ? parseTimerLine(cluster.name(), lb.name(), r.output().strip()) : Optional.empty();
        } catch (dev.orrery.remote.RemoteException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<RenewalAttempt> parseTimerLine(String cluster, String balancer, String line) {
        String[] f = line.split(" ", 4);
        if (f.length < 3) {
            return Optional.empty();
        }
        try {
            Instant at = Instant.parse(f[0]);
            boolean ok = f[1].equals("ok");
            String step = TlsStep.valueOf(f[2]).name();
            String message = f.length > 3 ? f[3] : "";
            String serial = ok && message.startsWith("served ") ? normalSerial(message.substring(7)) : null;
            return Optional.of(new RenewalAttempt(cluster, balancer, at, "renew", ok, ok ? null : step, message, serial, null, null, "balancer"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** openssl prints serials in upper case with leading zeros; Java in lower case without. */
    static String normalSerial(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^0+(?=.)", "");
        return t;
    }

    private static String alarmText(Tls tls, Server lb, Instant notAfter, int failures, RenewalAttempt last, Instant now) {
        String name = tls.serverName();
        if (notAfter != null && !now.isBefore(notAfter)) {
            return "The certificate of " + name + " on " + lb.name() + " has expired";
        }
        String left = notAfter == null ? "" : " (" + Duration.between(now, notAfter).toDays() + " days left)";
        if (failures > 0) {
            return "Renewing the certificate of " + name + " failed " + failures + " time" + (failures == 1 ? "" : "s") + " in a row" + left
                    + (last != null && last.message() != null ? ": " + last.message() : "");
        }
        return "The certificate of " + name + " expires soon" + left + " and the balancer has not renewed it";
    }
}
