package dev.orrery.remote;

import java.nio.file.Path;

/** What the known_hosts files say about the key a server presented. */
public sealed interface HostKeyCheck {

    /** A line lists exactly this key for this host. */
    record Known(Path file, int line) implements HostKeyCheck {
    }

    /** No line names this host: ask the user (or apply accept-new). */
    record Unknown() implements HostKeyCheck {
    }

    /** The host is listed with a different key: refuse, always. */
    record Changed(Path file, int line, HostKey expected) implements HostKeyCheck {
    }

    /** This key is marked {@code @revoked}: refuse, always. */
    record Revoked(Path file, int line) implements HostKeyCheck {
    }
}
