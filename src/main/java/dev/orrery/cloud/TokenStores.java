package dev.orrery.cloud;

import dev.orrery.store.OrreryHome;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Picks where this system keeps the token: the macOS keychain; on Linux the login keyring when
 * {@code secret-tool} is installed — each falling back to the file when it does not work
 * ({@link FallbackTokenStore}); otherwise — Windows included, whose Credential Manager has
 * no command that gives a stored password back ({@code cmdkey} only adds and lists) — the
 * owner-only file {@code secrets/digitalocean-token} in Orrery's data folder.
 */
public final class TokenStores {
    private TokenStores() {
    }

    public static TokenStore forThisSystem(OrreryHome home) {
        return forThisSystem(home, SecretSlot.DIGITALOCEAN);
    }

    /** The same choice for another of Orrery's secrets (the ACME account key). */
    public static TokenStore forThisSystem(OrreryHome home, SecretSlot slot) {
        return choose(home, slot, System.getProperty("os.name", ""), program -> onPath(System.getenv(), program), ProcessRunner.SYSTEM);
    }

    static TokenStore choose(OrreryHome home, String osName, Predicate<String> installed, ProcessRunner runner) {
        return choose(home, SecretSlot.DIGITALOCEAN, osName, installed, runner);
    }

    static TokenStore choose(OrreryHome home, SecretSlot slot, String osName, Predicate<String> installed, ProcessRunner runner) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") && installed.test("security")) {
            return new FallbackTokenStore(new MacKeychainTokenStore(runner, slot), fileStore(home, slot));
        }
        if (os.startsWith("linux") && installed.test("secret-tool")) {
            return new FallbackTokenStore(new SecretToolTokenStore(runner, slot), fileStore(home, slot));
        }
        return fileStore(home, slot);
    }

    public static FileTokenStore fileStore(OrreryHome home) {
        return fileStore(home, SecretSlot.DIGITALOCEAN);
    }

    public static FileTokenStore fileStore(OrreryHome home, SecretSlot slot) {
        return new FileTokenStore(home.root().resolve("secrets").resolve(slot.fileName()));
    }

    static boolean onPath(Map<String, String> env, String program) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
