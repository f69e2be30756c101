package dev.orrery.model;

/** Ports Orrery itself uses between a cluster's own servers, named once so a firewall rule and the code that listens agree. */
public final class PrivatePorts {
    /** A deploy's release fan-out: one app server serves the release to the others on its private address. */
    public static final int FAN_OUT = 7947;

    private PrivatePorts() {
    }
}
