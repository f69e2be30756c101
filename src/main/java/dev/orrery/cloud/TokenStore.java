package dev.orrery.cloud;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where the DigitalOcean token is kept between runs: the operating system's keychain where
 * there is one ({@link SecretToolTokenStore} on Linux, {@link MacKeychainTokenStore} on macOS),
 * else a file only the owner can read ({@link FileTokenStore}). {@link TokenStores} picks one.
 * The token never goes into a cluster file.
 */
public interface TokenStore {

    String ENV = "DIGITALOCEAN_TOKEN";

    /** Where the token is kept, in words for the settings page, e.g. "the login keyring (secret-tool)". */
    String describe();

    Optional<ApiToken> load() throws IOException;

    void save(ApiToken token) throws IOException;

    void delete() throws IOException;

    /** {@code DIGITALOCEAN_TOKEN} when set, else what the store holds. */
    static Optional<ApiToken> resolve(Map<String, String> env, TokenStore store) throws IOException {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new ApiToken(fromEnv));
        }
        return store.load();
    }
}
