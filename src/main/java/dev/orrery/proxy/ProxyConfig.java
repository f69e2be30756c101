package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;

import java.nio.charset.StandardCharsets;

/**
 * A rendered balancer configuration. The fingerprint is a hash of the text; the configuration
 * answers it on {@link #STATUS_PATH} to local requests, so a push can tell that the new
 * configuration — not the old one — is the live one after the reload.
 */
public record ProxyConfig(BalancerKind kind, String text, String fingerprint) {

    /** Answered only to requests from the balancer host itself. */
    public static final String STATUS_PATH = "/orrery-balancer";

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body {@link #STATUS_PATH} answers with. */
    public String statusBody() {
        return "orrery " + fingerprint;
    }
}
