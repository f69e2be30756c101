package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * The load balancer's settings. {@code tls} is null for plain HTTP. {@code drained} names the
 * app servers taken out of rotation (rendered as {@code down} in nginx, {@code drain} in HAProxy).
 * The ports default to 80 and 443; the sandbox uses free ports. {@code kept} holds the directives
 * of an adopted configuration that Orrery does not model but writes back as they were (empty for
 * a cluster made in Orrery; left out of the file when empty). Copies go through the
 * {@code with…} methods, which keep it; the seven-argument constructor is for new balancers.
 * {@code failover} is null for one balancer, or says how a second one takes over behind a
 * reserved IP (left out of the file when null). {@code managed} holds a DigitalOcean Load
 * Balancer's settings for the kind {@code do-load-balancer} (left out of the file when null).
 */
public record Balancer(BalancerKind kind, Stickiness stickiness, HealthCheck healthCheck, Tls tls,
                       int httpPort, int httpsPort, List<String> drained,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeptDirective> kept,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Failover failover,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ManagedBalancer managed) {

    public Balancer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stickiness, "stickiness");
        healthCheck = healthCheck != null ? healthCheck : HealthCheck.DEFAULT;
        drained = drained != null ? List.copyOf(drained) : List.of();
        kept = kept != null ? List.copyOf(kept) : List.of();
    }

    /** Any balancer run on a droplet (no managed settings). */
    public Balancer(BalancerKind kind, Stickiness stickiness, HealthCheck healthCheck, Tls tls,
                    int httpPort, int httpsPort, List<String> drained, List<KeptDirective> kept, Failover failover) {
        this(kind, stickiness, healthCheck, tls, httpPort, httpsPort, drained, kept, failover, null);
    }

    /** One balancer (no failover), with what an adopted configuration keeps. */
    public Balancer(BalancerKind kind, Stickiness stickiness, HealthCheck healthCheck, Tls tls,
                    int httpPort, int httpsPort, List<String> drained, List<KeptDirective> kept) {
        this(kind, stickiness, healthCheck, tls, httpPort, httpsPort, drained, kept, null);
    }

    /** A balancer with nothing kept from an adopted configuration. */
    public Balancer(BalancerKind kind, Stickiness stickiness, HealthCheck healthCheck, Tls tls,
                    int httpPort, int httpsPort, List<String> drained) {
        this(kind, stickiness, healthCheck, tls, httpPort, httpsPort, drained, List.of(), null);
    }

    @JsonCreator
    static Balancer fromJson(@JsonProperty("kind") BalancerKind kind,
                             @JsonProperty("stickiness") Stickiness stickiness,
                             @JsonProperty("healthCheck") HealthCheck healthCheck,
                             @JsonProperty("tls") Tls tls,
                             @JsonProperty("httpPort") Integer httpPort,
                             @JsonProperty("httpsPort") Integer httpsPort,
                             @JsonProperty("drained") List<String> drained,
                             @JsonProperty("kept") List<KeptDirective> kept,
                             @JsonProperty("failover") Failover failover,
                             @JsonProperty("managed") ManagedBalancer managed) {
        return new Balancer(kind != null ? kind : BalancerKind.NGINX,
                stickiness != null ? stickiness : Stickiness.IP_HASH,
                healthCheck, tls,
                httpPort != null ? httpPort : 80,
                httpsPort != null ? httpsPort : 443,
                drained, kept, failover, managed);
    }

    public static Balancer defaults() {
        return fromJson(null, null, null, null, null, null, null, null, null, null);
    }

    /** The kept directives for one context, in their original order. */
    public List<KeptDirective> kept(KeptDirective.Context context) {
        return kept.stream().filter(k -> k.context() == context).toList();
    }

    public boolean isDrained(String serverName) {
        return drained.contains(serverName);
    }

    public Balancer withDrained(String serverName, boolean drain) {
        List<String> next = new java.util.ArrayList<>(drained);
        next.remove(serverName);
        if (drain) {
            next.add(serverName);
        }
        return new Balancer(kind, stickiness, healthCheck, tls, httpPort, httpsPort, next, kept, failover, managed);
    }

    /** The same settings for another balancer program (a kind switch). */
    /**
     * The same balancer as another program. Directives kept from an adopted configuration are
     * written in one program's language: those of the other one cannot follow (the switch job says so).
     */
    public Balancer withKind(BalancerKind k) {
        return new Balancer(k, stickiness, healthCheck, tls, httpPort, httpsPort, drained,
                kept.stream().filter(d -> d.context().kind() == k).toList(), failover, managed);
    }

    public Balancer withHealthCheck(HealthCheck check) {
        return new Balancer(kind, stickiness, check, tls, httpPort, httpsPort, drained, kept, failover, managed);
    }

    public Balancer withTls(Tls t) {
        return new Balancer(kind, stickiness, healthCheck, t, httpPort, httpsPort, drained, kept, failover, managed);
    }

    public Balancer withKept(List<KeptDirective> directives) {
        return new Balancer(kind, stickiness, healthCheck, tls, httpPort, httpsPort, drained, directives, failover, managed);
    }

    /** The same settings with another drained list (an undo puts back the list it had). */
    public Balancer withDrainedList(List<String> names) {
        return new Balancer(kind, stickiness, healthCheck, tls, httpPort, httpsPort, names, kept, failover, managed);
    }

    public Balancer withFailover(Failover f) {
        return new Balancer(kind, stickiness, healthCheck, tls, httpPort, httpsPort, drained, kept, f, managed);
    }

    /** The DigitalOcean Load Balancer's settings (null for a balancer on a droplet). */
    public Balancer withManaged(ManagedBalancer m) {
        return new Balancer(kind, stickiness, healthCheck, tls, httpPort, httpsPort, drained, kept, failover, m);
    }

    public Balancer withStickiness(Stickiness s) {
        return new Balancer(kind, s, healthCheck, tls, httpPort, httpsPort, drained, kept, failover, managed);
    }

    /** True for a DigitalOcean Load Balancer (no balancer droplet, set up through the API). */
    public boolean managedKind() {
        return kind == BalancerKind.DO_LOAD_BALANCER;
    }
}
