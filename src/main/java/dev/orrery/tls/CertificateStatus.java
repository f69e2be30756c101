package dev.orrery.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A balancer's certificate as Orrery knows it: what the balancer serves (read from outside, or
 * why it could not be read), the last attempt to get or renew it, who renews it, when the next
 * renewal is due, and whether someone must look ({@link #alarm}). The one shape the window's
 * inspector, {@code orrery tls status} and alert rules read.
 *
 * @param served      the certificate seen from outside, or null when it could not be read
 * @param servedError why it could not be read, or null
 * @param last        the last attempt (Orrery's or the balancer timer's), or null for none yet
 * @param failures    failed attempts in a row
 * @param alarm       the renewal keeps failing or the certificate is about to expire: a person must act
 */
public record CertificateStatus(String cluster, String balancer, List<String> names, String ca, String renewOn,
                                CertificateFacts served, String servedError, RenewalAttempt last, int failures,
                                Instant nextRenewal, boolean alarm, String alarmText, Instant checkedAt) {

    /** "62 days" / "9 hours" / "expired". */
    public String left() {
        if (served == null) {
            return "unknown";
        }
        Duration d = served.left(checkedAt);
        if (d.isNegative() || d.isZero()) {
            return "expired";
        }
        return d.toDays() >= 2 ? d.toDays() + " days" : d.toHours() + " hours";
    }

    public boolean selfSigned() {
        return served != null && served.issuer().equals(served.subject());
    }
}
