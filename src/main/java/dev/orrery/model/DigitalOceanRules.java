package dev.orrery.model;

import static dev.orrery.model.CharacterChecks.printable;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of {@link Rules} for values that go into DigitalOcean API calls: droplet ids, tags,
 * regions, certificate ids, Cloud Firewall names and what a managed balancer can do.
 * Package-private: callers go through {@link Rules}, which documents each.
 */
final class DigitalOceanRules {

    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern DO_TAG = Pattern.compile("[A-Za-z0-9_:-]{1,255}");
    private static final Pattern DO_REGION = Pattern.compile("[a-z]{3}[0-9]");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CLOUD_TAG = Pattern.compile("[A-Za-z0-9_:-]{1,255}");
    private static final Pattern CLOUD_FIREWALL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{1,254}");

    private DigitalOceanRules() {
    }

    static Optional<String> dropletId(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return DIGITS.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a droplet's numeric id (got \"" + printable(v) + "\")");
    }

    static Optional<String> doTag(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return DO_TAG.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be 1–255 letters, digits, ':', '-' or '_', as DigitalOcean tags are (got \"" + printable(v) + "\")");
    }

    static Optional<String> doRegion(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return DO_REGION.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a DigitalOcean region slug such as nyc3 or fra1 (got \"" + printable(v) + "\")");
    }

    static Optional<String> doCertificateId(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return UUID_TEXT.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be the UUID DigitalOcean gives a certificate (Networking ▸ Certificates, or doctl compute certificate list)"
                + " (got \"" + printable(v) + "\")");
    }

    static Optional<String> managedStickiness(Stickiness s) {
        return s == Stickiness.COOKIE || s == Stickiness.NONE ? Optional.empty()
                : Optional.of("must be \"cookie\" or \"none\" for a DigitalOcean Load Balancer, which offers only cookie stickiness (got \""
                + (s == null ? "nothing" : s.name().toLowerCase()) + "\")");
    }

    static Optional<String> cloudTag(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return CLOUD_TAG.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits, '_', ':' or '-', at most 255 (got \"" + printable(v) + "\")");
    }

    static Optional<String> cloudFirewallName(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return CLOUD_FIREWALL.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits, '.' or '-', starting with a letter or digit, at most 255 (got \"" + printable(v) + "\")");
    }
}
