package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * TLS ends at the balancer: the public server name and the certificate files on the balancer.
 * {@code acme} is null for a certificate the user installs by hand; otherwise Orrery gets and
 * renews it from an ACME CA (Let's Encrypt) and owns the two files.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tls(String serverName, String certificatePath, String keyPath, Acme acme) {

    /** A certificate managed by hand (no ACME). */
    public Tls(String serverName, String certificatePath, String keyPath) {
        this(serverName, certificatePath, keyPath, null);
    }

    @JsonCreator
    static Tls fromJson(@JsonProperty("serverName") String serverName,
                        @JsonProperty("certificatePath") String certificatePath,
                        @JsonProperty("keyPath") String keyPath,
                        @JsonProperty("acme") Acme acme) {
        return new Tls(serverName, certificatePath, keyPath, acme);
    }

    /**
     * Where Orrery keeps an ACME certificate on the balancer when the cluster file names no
     * paths: one folder per cluster, the key readable by root and the balancer's workers only.
     */
    public static Tls acme(String clusterName, String serverName, Acme acme) {
        String dir = "/etc/orrery/tls/" + clusterName;
        return new Tls(serverName, dir + "/fullchain.pem", dir + "/privkey.pem", acme);
    }

    public boolean managedByAcme() {
        return acme != null;
    }

    /** The server name first, then the extra names, without repeats: what the certificate covers. */
    public java.util.List<String> certificateNames() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        names.add(serverName);
        if (acme != null) {
            names.addAll(acme.names());
        }
        return java.util.List.copyOf(names);
    }

    public Tls withAcme(Acme a) {
        return new Tls(serverName, certificatePath, keyPath, a);
    }
}
