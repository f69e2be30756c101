package dev.orrery.engine.state;

import java.util.Locale;

/** What a job does to a cluster, as the live state tells planned work from outages. */
public enum JobKind {
    DEPLOY("deploying"),
    ROLLBACK("rolling back"),
    PROVISION("provisioning"),
    DECOMMISSION("removing"),
    PUSH("pushing configuration"),
    SNAPSHOT("snapshotting"),
    /** Starting servers that were not running (the sandbox's start). */
    START("starting"),
    /** Stopping servers on purpose (the sandbox's stop). */
    STOP("stopping"),
    SANDBOX("sandbox"),
    TLS("getting a certificate"),
    /** Installing keepalived failover on the two balancers. */
    FAILOVER("setting up failover"),
    /** A failover drill: the active balancer is stopped on purpose. */
    DRILL("failover drill"),
    OTHER("working");

    private final String doing;

    JobKind(String doing) {
        this.doing = doing;
    }

    /** The present participle shown on a server the job is working on: "deploying". */
    public String doing() {
        return doing;
    }

    public String badge() {
        return doing.toUpperCase(Locale.ROOT);
    }
}
