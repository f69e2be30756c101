package dev.orrery.deploy;

/** The steps one server goes through, in order, as the window and the command line show them. */
public enum RolloutStep {
    UPLOAD("upload"),
    INSTALL("install"),
    PREFLIGHT("preflight on a spare port"),
    DRAIN("drain"),
    WAIT_IDLE("wait for in-flight requests"),
    STOP("stop"),
    SWITCH("switch current"),
    START("restart"),
    HEALTH("health gate"),
    UNDRAIN("undrain"),
    DONE("done");

    private final String label;

    RolloutStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
