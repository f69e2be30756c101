package dev.orrery.proxy;

/**
 * A push that did not go live. {@code stage} says where it stopped (validate, reload, answer …),
 * {@code detail} carries the balancer's own words (e.g. {@code nginx -t}'s message), and
 * {@code restored} says whether the previous configuration is serving again.
 */
public class ProxyPushException extends Exception {
    private final String stage;
    private final String detail;
    private final boolean restored;

    public ProxyPushException(String host, String stage, String detail, boolean restored, Throwable cause) {
        super(host + ": push failed at " + stage + (restored ? "; the previous configuration is live again" : "")
                + (detail == null || detail.isBlank() ? "" : ":\n" + detail.strip()), cause);
        this.stage = stage;
        this.detail = detail;
        this.restored = restored;
    }

    public String stage() {
        return stage;
    }

    public String detail() {
        return detail;
    }

    public boolean restored() {
        return restored;
    }
}
