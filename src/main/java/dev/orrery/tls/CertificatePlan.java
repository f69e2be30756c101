package dev.orrery.tls;

/**
 * What getting a certificate will do to the balancer, known before acting, so the window and
 * the command line can say it first: whether the configuration must be pushed once (and what
 * that reload costs), how the certificate goes live, which challenge proves the names, and who
 * renews afterwards.
 */
public record CertificatePlan(boolean pushNeeded, String live, String pushEffect, String install, String challenge, String renewals) {

    /**
     * One plan for the balancers {@code each} names (one, or both of a failover pair): a push is
     * needed when either needs it, and {@code live} says which and why.
     */
    public static CertificatePlan of(java.util.Map<String, CertificatePlan> each) {
        if (each.size() == 1) {
            return each.values().iterator().next();
        }
        java.util.List<String> stale = each.entrySet().stream().filter(e -> e.getValue().pushNeeded())
                .map(e -> e.getKey() + ": " + e.getValue().live()).toList();
        CertificatePlan first = each.values().iterator().next();
        java.util.Set<String> challenges = new java.util.LinkedHashSet<>();
        each.forEach((name, p) -> challenges.add(p.challenge()));
        String challenge = challenges.size() == 1 ? first.challenge()
                : String.join("; ", each.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().challenge()).toList());
        return new CertificatePlan(!stale.isEmpty(), stale.isEmpty() ? null : String.join("; ", stale),
                stale.isEmpty() ? first.pushEffect() : first.pushEffect() + " (on " + String.join(" and ", each.entrySet().stream()
                        .filter(e -> e.getValue().pushNeeded()).map(java.util.Map.Entry::getKey).toList()) + ", one at a time)",
                first.install() + "; on each of " + String.join(" and ", each.keySet()) + ", each with its own key and certificate",
                challenge, first.renewals());
    }

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
