package dev.orrery.cloud;

import dev.orrery.store.OrreryHome;

import java.io.IOException;
import java.util.Optional;

/**
 * A secret other than the DigitalOcean token, kept by the same stores: the system keychain, else
 * a file only its owner can read (refused when others can). The text must be one line of
 * printable characters without spaces (base64 of a key file, for example).
 */
public final class StoredSecret {
    private final TokenStore store;

    public StoredSecret(TokenStore store) {
        this.store = store;
    }

    public static StoredSecret forThisSystem(OrreryHome home, SecretSlot slot) {
        return new StoredSecret(TokenStores.forThisSystem(home, slot));
    }

    public String describe() {
        return store.describe();
    }

    public Optional<String> load() throws IOException {
        return store.load().map(ApiToken::reveal);
    }

    public void save(String text) throws IOException {
        store.save(new ApiToken(text));
    }

    public void delete() throws IOException {
        store.delete();
    }
}
