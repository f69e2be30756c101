package dev.orrery.model;

/** TLS ends at the balancer: the public server name and the certificate files on the balancer. */
public record Tls(String serverName, String certificatePath, String keyPath) {
}
