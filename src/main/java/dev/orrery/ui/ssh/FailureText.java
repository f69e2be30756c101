package dev.orrery.ui.ssh;

import dev.orrery.remote.HostKeyRejectedException;

/**
 * What the window says about a failed job: a heading and the detail. A refused host key gets a
 * heading of its own — a changed key is a possible attack and must not read like a network
 * hiccup — and the verifier's full warning (both fingerprints, the known_hosts line, the fix).
 */
public record FailureText(String heading, String detail, boolean hostKey) {

    public static FailureText of(String what, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HostKeyRejectedException h) {
                boolean changed = h.getMessage() != null && h.getMessage().contains("HAS CHANGED");
                return new FailureText(changed ? "Host key changed — connection refused" : "Host key not trusted — connection refused",
                        h.getMessage(), true);
            }
        }
        String detail = error == null ? "" : error.getMessage() != null ? error.getMessage() : error.toString();
        return new FailureText(what + " failed", detail, false);
    }
}
