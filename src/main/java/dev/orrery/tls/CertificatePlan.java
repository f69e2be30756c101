package dev.orrery.tls;

/**
 * What getting a certificate will do to the balancer, known before acting, so the window and
 * the command line can say it first: whether the configuration must be pushed once (and what
 * that reload costs), how the certificate goes live, which challenge proves the names, and who
 * renews afterwards.
 */
public record CertificatePlan(boolean pushNeeded, String live, String pushEffect, String install, String challenge, String renewals) {

    /** The lines to show before acting. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (pushNeeded) {
            sb.append("First the balancer's configuration is pushed once (").append(live).append("): ").append(pushEffect).append('\n');
        }
        sb.append("Challenge: ").append(challenge).append('\n');
        sb.append("Install: ").append(install).append('\n');
        sb.append("Renewals: ").append(renewals);
        return sb.toString();
    }
}
