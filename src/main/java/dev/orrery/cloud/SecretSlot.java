package dev.orrery.cloud;

import java.util.regex.Pattern;

/**
 * One of Orrery's secrets and where the stores keep it: the keyring's {@code service}
 * attribute, the keychain item's label, and the owner-only file's name under
 * {@code ORRERY_HOME/secrets}. Every secret is kept the same way; none goes into a cluster file.
 */
public record SecretSlot(String service, String label, String fileName) {
    /** Also a file name and a keyring attribute: no path separators, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    public static final SecretSlot DIGITALOCEAN = new SecretSlot("digitalocean", "Orrery DigitalOcean token", "digitalocean-token");

    /** The ACME account key (the CA account every cluster's certificates are ordered with). */
    public static final SecretSlot ACME_ACCOUNT = new SecretSlot("acme-account", "Orrery ACME account key", "acme-account-key");

    /**
     * A secret whose name is made at run time (a cluster's webhook URL, {@code webhook.CLUSTER.NAME}):
     * the keyring service and the file are both {@code name}, the keychain item {@code dev.orrery.NAME}.
     */
    public static SecretSlot named(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a secret's name must be lower-case letters, digits, '.', '_' or '-' (got \"" + name + "\")");
        }
        return new SecretSlot(name, "Orrery " + name, name);
    }
}
