package dev.orrery.tls;

import java.time.Instant;

/**
 * One try at getting, renewing or installing a balancer's certificate, as kept in the history
 * store. {@code step} and {@code message} say where and why a failed one stopped; the facts of the
 * certificate it left serving are there when it succeeded.
 *
 * @param by who ran it: {@code orrery} (this program) or {@code balancer} (the balancer's timer)
 */
public record RenewalAttempt(String cluster, String balancer, Instant at, String action, boolean ok, String step, String message,
                             String serial, Instant notAfter, String issuer, String by) {

    public static RenewalAttempt success(String cluster, String balancer, Instant at, String action, CertificateFacts served, String by) {
        return new RenewalAttempt(cluster, balancer, at, action, true, null, "served " + served.serial(), served.serial(),
                served.notAfter(), served.issuer(), by);
    }

    public static RenewalAttempt failure(String cluster, String balancer, Instant at, String action, TlsStep step, String message, String by) {
        return new RenewalAttempt(cluster, balancer, at, action, false, step == null ? null : step.name(), message, null, null, null, by);
    }

    /** "ok 2026-12-01 10:00 (renew)" or "failed 2026-12-01 10:00 at fetch the http-01 token …". */
    public String summary() {
        String when = at.toString().substring(0, 16).replace('T', ' ');
        if (ok) {
            return "ok " + when + " (" + action + (by.equals("orrery") ? "" : ", by the " + by) + ")";
        }
        String where = step == null ? "" : " at \"" + TlsStep.valueOf(step).words() + "\"";
        return "failed " + when + where + (by.equals("orrery") ? "" : " (by the " + by + ")");
    }
}
