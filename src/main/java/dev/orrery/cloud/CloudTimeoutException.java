package dev.orrery.cloud;

/** A call, or a wait for an action or a droplet, ran past its deadline. */
public class CloudTimeoutException extends CloudException {
    public CloudTimeoutException(String message, boolean ambiguous, Throwable cause) {
        super(message, 0, "timeout", null, null, ambiguous, cause);
    }
}
