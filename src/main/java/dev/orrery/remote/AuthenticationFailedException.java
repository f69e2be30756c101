package dev.orrery.remote;

/** The server refused every key Orrery offered, or a key could not be loaded or decrypted. */
public class AuthenticationFailedException extends RemoteException {
    public AuthenticationFailedException(String host, String message, Throwable cause) {
        super(host, message, cause);
    }
}
