package dev.orrery.deploy;

/** The steps one server goes through, in order, as the window and the command line show them. */
public enum RolloutStep {
    UPLOAD("upload", false),
    INSTALL("install", false),
    PREFLIGHT("preflight on a spare port", false),
    DRAIN("drain", true),
    WAIT_IDLE("wait for in-flight requests", true),
    STOP("stop", true),
    SWITCH("switch current", true),
    START("restart", true),
    HEALTH("health gate", true),
    UNDRAIN("undrain", true),
    DONE("done", false);

    private final String label;
    private final boolean mayBeDown;

    RolloutStep(String label, boolean mayBeDown) {
        this.label = label;
        this.mayBeDown = mayBeDown;
    }

    /** True from the drain to the undrain: the server is out of rotation and may not answer, as planned. */
    public boolean mayBeDown() {
        return mayBeDown;
    }

    public String label() {
        return label;
    }
}
