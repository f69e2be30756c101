package dev.orrery.cloud;

import dev.orrery.store.OrreryHome;

import java.io.IOException;
import java.util.Optional;

/**
 * A secret other than the DigitalOcean token (the ACME account key, webhook URLs), kept by the
 * same stores: the system keychain, else a file only its owner can read (refused when others
 * can). The text must be one line of printable characters without spaces (base64 of a key file,
 * a URL).
 */
public final class StoredSecret {
    private final TokenStore store;
    private final String label;

    public StoredSecret(TokenStore store) {
        this(store, "the secret");
    }

    private StoredSecret(TokenStore store, String label) {
        this.store = store;
        this.label = label;
    }

    public static StoredSecret forThisSystem(OrreryHome home, SecretSlot slot) {
        return new StoredSecret(TokenStores.forThisSystem(home, slot), slot.label());
    }

    /** Only the owner-only file (tests; machines where the keychain must not be touched). */
    public static StoredSecret fileOnly(OrreryHome home, SecretSlot slot) {
        return new StoredSecret(TokenStores.fileStore(home, slot), slot.label());
    }

    public String describe() {
        return store.describe();
    }

    public Optional<String> load() throws IOException {
        return store.load().map(ApiToken::reveal);
    }

    public void save(String text) throws IOException {
        ApiToken secret;
        try {
            secret = new ApiToken(text);
        } catch (IllegalArgumentException e) {
            // ApiToken's words name the DigitalOcean token: say which secret, never its value
            throw new IOException(label + " is empty, too short, or contains a space or control character");
        }
        store.save(secret);
    }

    public void delete() throws IOException {
        store.delete();
    }
}
