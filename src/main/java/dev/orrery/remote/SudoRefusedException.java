package dev.orrery.remote;

/** The login user cannot run commands as root with {@code sudo -n}; the message says which sudoers line is needed. */
public class SudoRefusedException extends RemoteException {
    public SudoRefusedException(String host, String message) {
        super(host, message, null);
    }
}
