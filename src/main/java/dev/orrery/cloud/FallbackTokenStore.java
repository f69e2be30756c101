package dev.orrery.cloud;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * The keychain where it works, else the owner-only file. {@code secret-tool} may be installed
 * where no keyring runs (a server, a CI box, an SSH session without D-Bus): then the token goes
 * to the file rather than nowhere, and {@link #describe()} says which holds it.
 */
public final class FallbackTokenStore implements TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackTokenStore.class);

    private final TokenStore keychain;
    private final TokenStore file;
    private volatile boolean keychainFailed;

    public FallbackTokenStore(TokenStore keychain, TokenStore file) {
        this.keychain = keychain;
        this.file = file;
    }

    @Override
    public String describe() {
        return keychainFailed ? file.describe() + " (" + keychain.describe() + " is not available)" : keychain.describe();
    }

    @Override
    public Optional<ApiToken> load() throws IOException {
        try {
            Optional<ApiToken> t = keychain.load();
            if (t.isPresent()) {
                return t;
            }
        } catch (IOException e) {
            keychainFailed = true;
            LOG.info("{} is not available ({}); using {}", keychain.describe(), e.getMessage(), file.describe());
        }
        return file.load();
    }

    @Override
    public void save(ApiToken token) throws IOException {
        try {
            keychain.save(token);
            file.delete(); // one place only: a stale copy in the file would outlive a change
        } catch (IOException e) {
            keychainFailed = true;
            LOG.info("{} is not available ({}); keeping the token in {}", keychain.describe(), e.getMessage(), file.describe());
            file.save(token);
        }
    }

    @Override
    public void delete() throws IOException {
        IOException first = null;
        try {
            keychain.delete();
        } catch (IOException e) {
            first = e;
        }
        file.delete();
        if (first != null && !keychainFailed) {
            throw first;
        }
    }
}
