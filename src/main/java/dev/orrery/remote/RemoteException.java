package dev.orrery.remote;

/** Something went wrong talking to a host: connect, authenticate, run, upload. Names the host. */
public class RemoteException extends Exception {
    private final String host;

    public RemoteException(String host, String message, Throwable cause) {
        super(host + ": " + message, cause);
        this.host = host;
    }

    public String host() {
        return host;
    }
}
