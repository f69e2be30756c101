package dev.orrery.cloud;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The token in the macOS login keychain via {@code security}. Saving runs {@code security -i}
 * and writes the {@code add-generic-password} line to its standard input, so the token never
 * appears in a process's arguments.
 */
public final class MacKeychainTokenStore implements TokenStore {
    static final String SERVICE = "dev.orrery.digitalocean";
    static final String ACCOUNT = "orrery";
    private static final int NOT_FOUND = 44; // errSecItemNotFound as security(1) reports it
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ProcessRunner runner;
    private final String service;
    private final String label;

    public MacKeychainTokenStore(ProcessRunner runner) {
        this(runner, SecretSlot.DIGITALOCEAN);
    }

    /** A store for another of Orrery's secrets, under its own keychain service name. */
    public MacKeychainTokenStore(ProcessRunner runner, SecretSlot slot) {
        this.runner = runner;
        this.service = slot == SecretSlot.DIGITALOCEAN ? SERVICE : "dev.orrery." + slot.service();
        this.label = slot.label();
    }

    @Override
    public String describe() {
        return "the macOS login keychain";
    }

    @Override
    public Optional<ApiToken> load() throws IOException {
        ProcessRunner.Result r = runner.run(List.of("security", "find-generic-password", "-a", ACCOUNT, "-s", service, "-w"), null, TIMEOUT);
        if (r.exitCode() == NOT_FOUND) {
            return Optional.empty();
        }
        if (r.exitCode() != 0) {
            throw new IOException("security find-generic-password failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
        return r.stdout().isBlank() ? Optional.empty() : Optional.of(new ApiToken(r.stdout().strip()));
    }

    @Override
    public void save(ApiToken token) throws IOException {
        String secret = token.reveal();
        if (secret.contains("\"") || secret.contains("\\")) {
            throw new IOException("the token contains a quote or backslash, which the keychain command line cannot carry; set DIGITALOCEAN_TOKEN instead");
        }
        String line = "add-generic-password -U -a " + ACCOUNT + " -s " + service + " -l \"" + label + "\" -w \"" + secret + "\"\n";
        ProcessRunner.Result r = runner.run(List.of("security", "-i"), line, TIMEOUT);
        if (r.exitCode() != 0 || !r.stderr().isBlank()) {
            throw new IOException("security add-generic-password failed: " + token.redact(r.stderr().strip()));
        }
    }

    @Override
    public void delete() throws IOException {
        ProcessRunner.Result r = runner.run(List.of("security", "delete-generic-password", "-a", ACCOUNT, "-s", service), null, TIMEOUT);
        if (r.exitCode() != 0 && r.exitCode() != NOT_FOUND) {
            throw new IOException("security delete-generic-password failed: " + r.stderr().strip());
        }
    }
}
