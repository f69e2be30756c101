package dev.orrery.tls;

import dev.orrery.cloud.CloudException;
import dev.orrery.cloud.DomainRecord;
import dev.orrery.cloud.DomainRecords;
import dev.orrery.model.Acme;
import dev.orrery.task.Progress;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * DNS-01 through DigitalOcean's Domains API: a TXT record {@code _acme-challenge.NAME} in the
 * domain that holds the name, visible on the DNS servers before the CA is asked, removed
 * afterwards whatever happened. Needs no open port, and is the only way to a wildcard.
 */
final class Dns01Responder implements ChallengeResponder {
    static final int TTL_SECONDS = 30;

    private final DomainRecords dns;
    private final String configuredZone;
    private final DnsLookup lookup;
    private final Duration propagation;
    private List<String> zones;

    Dns01Responder(DomainRecords dns, String configuredZone, DnsLookup lookup, Duration propagation) {
        this.dns = dns;
        this.configuredZone = configuredZone;
        this.lookup = lookup;
        this.propagation = propagation;
    }

    @Override
    public Acme.Challenge type() {
        return Acme.Challenge.DNS_01;
    }

    @Override
    public Published publish(String name, Challenge challenge, Progress progress) throws TlsException {
        Dns01Challenge d = (Dns01Challenge) challenge;
        String fqdn = Dns01Challenge.toRRName(name).replaceAll("\\.$", "");
        String zone = zoneFor(name);
        String relative = fqdn.equals(zone) ? "@" : fqdn.substring(0, fqdn.length() - zone.length() - 1);
        String digest = d.getDigest();
        DomainRecord record;
        try {
            record = dns.createTxt(zone, relative, digest, TTL_SECONDS);
        } catch (CloudException e) {
            // A create that failed ambiguously may still have made the record: remove any by value.
            removeByValue(zone, fqdn, digest, progress);
            throw new TlsException(TlsStep.DNS01_PUBLISH, "DigitalOcean did not create the TXT record " + fqdn + " in " + zone + ": "
                    + e.getMessage(), true, e);
        }
        progress.log("TXT " + fqdn + " created in DigitalOcean's " + zone + " (record " + record.id() + ")");
        return new Published() {
            @Override
            public void check(Progress p) throws TlsException {
                awaitVisible(fqdn, digest, p);
            }

            @Override
            public void close() {
                try {
                    dns.delete(zone, record.id());
                    progress.log("TXT " + fqdn + " removed");
                } catch (RuntimeException e) {
                    progress.log("could not remove the TXT record " + fqdn + " (record " + record.id() + " in " + zone + "): "
                            + e.getMessage() + "; remove it by hand");
                }
            }
        };
    }

    /** The cluster's zone, else the longest of the account's domains that the name ends with. */
    String zoneFor(String name) throws TlsException {
        String n = name.toLowerCase(Locale.ROOT);
        if (configuredZone != null) {
            if (!n.equals(configuredZone) && !n.endsWith("." + configuredZone)) {
                throw new TlsException(TlsStep.DNS01_PUBLISH, name + " is not in the DNS zone " + configuredZone + " the cluster names");
            }
            return configuredZone;
        }
        if (zones == null) {
            try {
                zones = dns.domains();
            } catch (CloudException e) {
                throw new TlsException(TlsStep.DNS01_PUBLISH, "cannot list the DigitalOcean account's domains: " + e.getMessage(), true, e);
            }
        }
        return zones.stream().map(z -> z.toLowerCase(Locale.ROOT))
                .filter(z -> n.equals(z) || n.endsWith("." + z))
                .max(Comparator.comparingInt(String::length))
                .orElseThrow(() -> new TlsException(TlsStep.DNS01_PUBLISH, "no domain of the DigitalOcean account holds " + name
                        + " (it has: " + (zones.isEmpty() ? "none" : String.join(", ", zones)) + "); dns-01 needs the name's DNS at DigitalOcean"));
    }

    private void awaitVisible(String fqdn, String digest, Progress progress) throws TlsException {
        long deadline = System.nanoTime() + propagation.toNanos();
        String last = "";
        while (true) {
            try {
                List<String> values = lookup.txt(fqdn);
                if (values.contains(digest)) {
                    progress.log("TXT " + fqdn + " is visible on " + lookup.describe());
                    return;
                }
                last = values.isEmpty() ? "no TXT record yet" : "other values " + values;
            } catch (javax.naming.NamingException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new TlsException(TlsStep.DNS01_PROPAGATION, "TXT " + fqdn + " was not visible on " + lookup.describe() + " within "
                        + propagation.toSeconds() + " s (last: " + last + ")");
            }
            progress.checkCancelled();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.orrery.task.CancelledException();
            }
        }
    }

    private void removeByValue(String zone, String fqdn, String digest, Progress progress) {
        try {
            for (DomainRecord r : dns.records(zone, "TXT", fqdn)) {
                if (digest.equals(r.data())) {
                    dns.delete(zone, r.id());
                }
            }
        } catch (RuntimeException e) {
            progress.log("could not look for a half-made TXT record " + fqdn + ": " + e.getMessage());
        }
    }
}
