package dev.orrery.cloud;

/**
 * One of Orrery's secrets and where the stores keep it: the keyring's {@code service}
 * attribute, the keychain item's label, and the owner-only file's name under
 * {@code ORRERY_HOME/secrets}. Every secret is kept the same way; none goes into a cluster file.
 */
public record SecretSlot(String service, String label, String fileName) {

    public static final SecretSlot DIGITALOCEAN = new SecretSlot("digitalocean", "Orrery DigitalOcean token", "digitalocean-token");

    /** The ACME account key (the CA account every cluster's certificates are ordered with). */
    public static final SecretSlot ACME_ACCOUNT = new SecretSlot("acme-account", "Orrery ACME account key", "acme-account-key");
}
