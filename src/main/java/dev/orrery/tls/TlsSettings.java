package dev.orrery.tls;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * How Orrery talks to CAs and DNS, from the environment: extra ACME roots
 * ({@code ORRERY_ACME_CA_CERTS}), the DNS servers that must show a dns-01 record
 * ({@code ORRERY_DNS_SERVERS}), and the time limits.
 */
public record TlsSettings(AcmeTrust trust, DnsLookup dns, Duration validationTimeout, Duration dnsPropagation, Duration servedTimeout,
                          Duration httpTimeout) {

    public static TlsSettings fromEnvironment(Map<String, String> env) throws IOException {
        return new TlsSettings(AcmeTrust.fromEnvironment(env), DnsLookup.fromEnvironment(env), Duration.ofMinutes(3),
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public TlsSettings withDns(DnsLookup d) {
        return new TlsSettings(trust, d, validationTimeout, dnsPropagation, servedTimeout, httpTimeout);
    }
}
