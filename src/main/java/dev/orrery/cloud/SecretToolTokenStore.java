package dev.orrery.cloud;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The token in the Linux login keyring through {@code secret-tool} (libsecret-tools), under the
 * attributes {@code application=orrery service=digitalocean}. The secret goes in on standard input.
 */
public final class SecretToolTokenStore implements TokenStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ProcessRunner runner;
    private final SecretSlot slot;

    public SecretToolTokenStore(ProcessRunner runner) {
        this(runner, SecretSlot.DIGITALOCEAN);
    }

    /** A store for another of Orrery's secrets (the ACME account key), under its own service attribute. */
    public SecretToolTokenStore(ProcessRunner runner, SecretSlot slot) {
        this.runner = runner;
        this.slot = slot;
    }

    @Override
    public String describe() {
        return "the login keyring (secret-tool)";
    }

    @Override
    public Optional<ApiToken> load() throws IOException {
        ProcessRunner.Result r = runner.run(argv("lookup"), null, TIMEOUT);
        // secret-tool exits 1 with nothing printed when there is no such secret.
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            if (r.exitCode() != 0 && !r.stderr().isBlank()) {
                throw new IOException("secret-tool lookup failed: " + r.stderr().strip());
            }
            return Optional.empty();
        }
        return Optional.of(new ApiToken(r.stdout().strip()));
    }

    @Override
    public void save(ApiToken token) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("secret-tool", "store", "--label=" + slot.label()));
        argv.addAll(attributes());
        check(runner.run(argv, token.reveal(), TIMEOUT), "store", token);
    }

    @Override
    public void delete() throws IOException {
        ProcessRunner.Result r = runner.run(argv("clear"), null, TIMEOUT);
        if (r.exitCode() != 0 && !r.stderr().isBlank()) {
            throw new IOException("secret-tool clear failed: " + r.stderr().strip());
        }
    }

    private List<String> argv(String verb) {
        List<String> argv = new java.util.ArrayList<>(List.of("secret-tool", verb));
        argv.addAll(attributes());
        return argv;
    }

    private List<String> attributes() {
        return List.of("application", "orrery", "service", slot.service());
    }

    private static void check(ProcessRunner.Result r, String verb, ApiToken token) throws IOException {
        if (r.exitCode() != 0) {
            throw new IOException("secret-tool " + verb + " failed (exit " + r.exitCode() + "): " + token.redact(r.stderr().strip()));
        }
    }
}
