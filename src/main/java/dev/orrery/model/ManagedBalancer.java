package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A DigitalOcean Load Balancer's own settings (the balancer kind {@code do-load-balancer}): the
 * region it is made in (the droplets' region), the tag that puts a droplet behind it, and for TLS
 * the id of a certificate in the DigitalOcean account, uploaded there or issued by DigitalOcean's
 * Let's Encrypt integration. Stickiness is the balancer's {@code stickiness}: {@code cookie}
 * (the cookie's name and lifetime here) or {@code none}, the only kinds DigitalOcean offers.
 *
 * @param tag droplets carrying it are behind the balancer; null: {@code orrery-<cluster>-app}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedBalancer(String region, String tag, String certificateId, String cookieName, int cookieTtlSeconds,
                              boolean redirectHttpToHttps) {

    public static final String DEFAULT_COOKIE = "DO-LB";
    public static final int DEFAULT_COOKIE_TTL = 3600;

    @JsonCreator
    static ManagedBalancer fromJson(@JsonProperty("region") String region,
                                    @JsonProperty("tag") String tag,
                                    @JsonProperty("certificateId") String certificateId,
                                    @JsonProperty("cookieName") String cookieName,
                                    @JsonProperty("cookieTtlSeconds") Integer cookieTtlSeconds,
                                    @JsonProperty("redirectHttpToHttps") Boolean redirect) {
        return new ManagedBalancer(region, tag, certificateId, cookieName != null ? cookieName : DEFAULT_COOKIE,
                cookieTtlSeconds != null ? cookieTtlSeconds : DEFAULT_COOKIE_TTL, redirect != null && redirect);
    }

    public static ManagedBalancer in(String region) {
        return fromJson(region, null, null, null, null, null);
    }

    /** The same as {@link #in}: the defaults in a region. */
    public static ManagedBalancer fromRegion(String region) {
        return in(region);
    }

    public ManagedBalancer withRedirect(boolean redirect) {
        return new ManagedBalancer(region, tag, certificateId, cookieName, cookieTtlSeconds, redirect);
    }

    /** The tag in effect for a cluster. */
    public String tagFor(String clusterName) {
        return tag != null ? tag : "orrery-" + clusterName + "-app";
    }

    /** The balancer's name at DigitalOcean: one per cluster, so Orrery finds it again by name. */
    @JsonIgnore
    public static String nameFor(String clusterName) {
        return "orrery-" + clusterName;
    }

    public ManagedBalancer withCertificateId(String id) {
        return new ManagedBalancer(region, tag, id, cookieName, cookieTtlSeconds, redirectHttpToHttps);
    }
}
