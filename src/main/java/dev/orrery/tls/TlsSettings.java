package dev.orrery.tls;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * How Orrery talks to CAs and DNS: extra ACME roots ({@code ORRERY_ACME_CA_CERTS}, or
 * {@code "caCertificates"} in {@code ORRERY_HOME/tls.json}), the DNS servers that must show a
 * dns-01 record ({@code ORRERY_DNS_SERVERS}, or {@code "dnsServers"}), and the time limits. The
 * environment wins over the file; neither is needed for Let's Encrypt and DigitalOcean DNS.
 */
public record TlsSettings(AcmeTrust trust, DnsLookup dns, Duration validationTimeout, Duration dnsPropagation, Duration servedTimeout,
                          Duration httpTimeout) {

    public static TlsSettings fromEnvironment(Map<String, String> env) throws IOException {
        return new TlsSettings(AcmeTrust.fromEnvironment(env), DnsLookup.fromEnvironment(env), Duration.ofMinutes(3),
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** The environment, with {@code home/tls.json} filling what it leaves out. */
    public static TlsSettings resolve(Map<String, String> env, java.nio.file.Path home) throws IOException {
        java.nio.file.Path file = home.resolve("tls.json");
        Map<String, String> merged = new java.util.HashMap<>();
        if (java.nio.file.Files.isRegularFile(file)) {
            com.fasterxml.jackson.databind.JsonNode n;
            try {
                n = dev.orrery.store.Json.mapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new IOException(file + " does not read as JSON: " + e.getMessage(), e);
            }
            if (n.hasNonNull("caCertificates")) {
                merged.put(AcmeTrust.ENV, n.get("caCertificates").asText());
            }
            if (n.hasNonNull("dnsServers")) {
                merged.put(DnsLookup.ENV, n.get("dnsServers").asText());
            }
        }
        for (String k : new String[]{AcmeTrust.ENV, DnsLookup.ENV}) {
            if (env.get(k) != null && !env.get(k).isBlank()) {
                merged.put(k, env.get(k));
            }
        }
        return fromEnvironment(merged);
    }

    public TlsSettings withDns(DnsLookup d) {
        return new TlsSettings(trust, d, validationTimeout, dnsPropagation, servedTimeout, httpTimeout);
    }
}
