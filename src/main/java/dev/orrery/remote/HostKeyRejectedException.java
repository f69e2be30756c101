package dev.orrery.remote;

/** The server's host key was not trusted: unknown and refused, changed, or revoked. The message says which and why. */
public class HostKeyRejectedException extends RemoteException {
    public HostKeyRejectedException(String host, String message, Throwable cause) {
        super(host, message, cause);
    }
}
