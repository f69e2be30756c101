package dev.orrery.cloud;

import dev.orrery.store.OrreryHome;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Named secrets other than the DigitalOcean token (webhook URLs, …), kept exactly like it: the
 * system keychain where there is one (the login keyring through {@code secret-tool}, the macOS
 * keychain), falling back to an owner-only file {@code secrets/NAME} in the data folder
 * (mode 0600 in a 0700 folder). Never in a cluster file. The same store classes as the token,
 * each under its own service name.
 *
 * <pre>{@code
 * Secrets s = Secrets.forThisSystem(home);
 * s.save("webhook.crater.ops", "https://hooks.slack.com/services/…");
 * Optional<String> url = s.load("webhook.crater.ops");
 * }</pre>
 */
public final class Secrets {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final OrreryHome home;
    private final String os;
    private final Predicate<String> installed;
    private final ProcessRunner runner;

    Secrets(OrreryHome home, String osName, Predicate<String> installed, ProcessRunner runner) {
        this.home = home;
        this.os = osName.toLowerCase(Locale.ROOT);
        this.installed = installed;
        this.runner = runner;
    }

    public static Secrets forThisSystem(OrreryHome home) {
        return new Secrets(home, System.getProperty("os.name", ""), p -> TokenStores.onPath(System.getenv(), p), ProcessRunner.SYSTEM);
    }

    /** Only the owner-only file (tests; machines where the keychain must not be touched). */
    public static Secrets filesOnly(OrreryHome home) {
        return new Secrets(home, "none", p -> false, ProcessRunner.SYSTEM);
    }

    /** Where the secret {@code key} is kept, in words. */
    public String describe(String key) {
        return store(key).describe();
    }

    public Optional<String> load(String key) throws IOException {
        return store(key).load().map(ApiToken::reveal);
    }

    public void save(String key, String value) throws IOException {
        ApiToken secret;
        try {
            secret = new ApiToken(value);
        } catch (IllegalArgumentException e) {
            // ApiToken's words name the DigitalOcean token; say which secret, never its value
            throw new IOException("the secret " + key + " is empty or contains a space or control character");
        }
        store(key).save(secret);
    }

    public void delete(String key) throws IOException {
        store(key).delete();
    }

    private TokenStore store(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a secret's name must be lower-case letters, digits, '.', '_' or '-' (got \"" + key + "\")");
        }
        FileTokenStore file = new FileTokenStore(home.root().resolve("secrets").resolve(key));
        String label = "Orrery " + key;
        if (os.startsWith("mac") && installed.test("security")) {
            return new FallbackTokenStore(new MacKeychainTokenStore(runner, "dev.orrery." + key, label), file);
        }
        if (os.startsWith("linux") && installed.test("secret-tool")) {
            return new FallbackTokenStore(new SecretToolTokenStore(runner, key, label), file);
        }
        return file;
    }
}
