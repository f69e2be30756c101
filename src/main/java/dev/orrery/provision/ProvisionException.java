package dev.orrery.provision;

/** A provision, snapshot or decommission failed; the message says what was left and where. */
public class ProvisionException extends RuntimeException {
    private final String dropletId;

    public ProvisionException(String message, String dropletId, Throwable cause) {
        super(message, cause);
        this.dropletId = dropletId;
    }

    /** The droplet the failure concerns, or null when none was made. */
    public String dropletId() {
        return dropletId;
    }
}
