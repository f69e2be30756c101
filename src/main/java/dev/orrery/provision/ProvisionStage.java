package dev.orrery.provision;

/** The steps of a provision, in order, with how far along the whole each one starts. */
public enum ProvisionStage {
    CREATE("Create droplet %s from the snapshot", 0.02),
    AWAIT_ACTIVE("Wait for %s to boot", 0.08),
    ADDRESSES("Read the addresses of %s", 0.40),
    SSH("Wait for SSH on %s and record its host key", 0.45),
    CHECK("Check %s is ready for the app", 0.60),
    DEPLOY("Deploy the current release to %s", 0.65),
    BALANCER("Add %s to the balancer", 0.90),
    READY("%s is ready", 1.0);

    private final String label;
    private final double fraction;

    ProvisionStage(String label, double fraction) {
        this.label = label;
        this.fraction = fraction;
    }

    public String label(String server) {
        return String.format(label, server);
    }

    public double fraction() {
        return fraction;
    }
}
