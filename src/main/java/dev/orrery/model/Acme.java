package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How Orrery gets the balancer's certificate from an ACME CA.
 *
 * @param directory {@code letsencrypt} (the default), {@code letsencrypt-staging}, or the
 *                  directory URL of any ACME server ({@code https://…/directory})
 * @param email     the account's contact address for expiry mail from the CA, or null
 * @param names     names the certificate covers besides the server name, e.g. {@code www.crater.io}
 *                  or a wildcard {@code *.crater.io} (wildcards need {@code dns-01})
 * @param challenge how the CA checks the names are ours: {@code http-01} through the balancer's
 *                  port 80, or {@code dns-01} through DigitalOcean's DNS (wildcards, closed port 80)
 * @param dnsZone   the DigitalOcean domain holding the names (dns-01), or null to find it
 * @param renewOn   who renews: {@code orrery} (this program, while it runs) or {@code balancer}
 *                  (a daily timer on the balancer itself, so renewals happen with Orrery closed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Acme(String directory, String email, List<String> names, Challenge challenge, String dnsZone, RenewOn renewOn) {

    public static final String LETSENCRYPT = "letsencrypt";
    public static final String LETSENCRYPT_STAGING = "letsencrypt-staging";

    public enum Challenge {
        @JsonProperty("http-01") HTTP_01("http-01"),
        @JsonProperty("dns-01") DNS_01("dns-01");

        private final String word;

        Challenge(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public enum RenewOn {
        @JsonProperty("orrery") ORRERY,
        @JsonProperty("balancer") BALANCER
    }

    public Acme {
        directory = directory != null && !directory.isEmpty() ? directory : LETSENCRYPT;
        names = names != null ? List.copyOf(names) : List.of();
        challenge = challenge != null ? challenge : Challenge.HTTP_01;
        renewOn = renewOn != null ? renewOn : RenewOn.ORRERY;
    }

    @JsonCreator
    static Acme fromJson(@JsonProperty("directory") String directory,
                         @JsonProperty("email") String email,
                         @JsonProperty("names") List<String> names,
                         @JsonProperty("challenge") Challenge challenge,
                         @JsonProperty("dnsZone") String dnsZone,
                         @JsonProperty("renewOn") RenewOn renewOn) {
        return new Acme(directory, email, names, challenge, dnsZone, renewOn);
    }

    /** Let's Encrypt, http-01, renewed by Orrery: what a new cluster gets. */
    public static Acme letsEncrypt(String email) {
        return new Acme(LETSENCRYPT, email, List.of(), Challenge.HTTP_01, null, RenewOn.ORRERY);
    }

    public Acme withRenewOn(RenewOn r) {
        return new Acme(directory, email, names, challenge, dnsZone, r);
    }

    public Acme withDirectory(String d) {
        return new Acme(d, email, names, challenge, dnsZone, renewOn);
    }

    public Acme withChallenge(Challenge c, String zone) {
        return new Acme(directory, email, names, c, zone, renewOn);
    }

    public Acme withNames(List<String> n) {
        return new Acme(directory, email, n, challenge, dnsZone, renewOn);
    }
}
