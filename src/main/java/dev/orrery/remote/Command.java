package dev.orrery.remote;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A command to run on a host, as data: the exact shell line and a short description for logs
 * and errors. Build commands with {@link #of} (every argument quoted by {@link Shell}) and
 * combine them with {@link #and}, {@link #orElse} and {@link #then}; {@link #trusted} is only
 * for constant shell text written in Orrery's own source.
 *
 * <pre>{@code
 * Command c = Command.of("mkdir", "-p", dir).and(Command.of("ln", "-sfn", target, link));
 * host.run(c, line -> log.info(line));
 * }</pre>
 *
 * <p>Every command is written as if run by root. When the SSH user is not root, the host runs
 * it through {@code sudo -n} ({@link Privilege}, the one place that adds sudo); a command
 * marked {@link #asLoginUser()} runs as the login user instead (checks such as {@code id -u}).
 *
 * @param loginUser run as the SSH login user, never through sudo
 */
public record Command(String line, String description, boolean loginUser) {

    public Command {
        Objects.requireNonNull(line, "line");
        description = description != null ? description : line;
    }

    public Command(String line, String description) {
        this(line, description, false);
    }

    /** A program and its arguments, each argument quoted. */
    public static Command of(String program, String... args) {
        return of(program, Arrays.asList(args));
    }

    public static Command of(String program, List<String> args) {
        String line = Shell.quote(program) + (args.isEmpty() ? "" : " " + args.stream().map(Shell::quote).collect(Collectors.joining(" ")));
        return new Command(line, null);
    }

    /** Constant shell text from Orrery's source, never built from user data. */
    public static Command trusted(String shellText) {
        return new Command(shellText, null);
    }

    /** Runs {@code next} only when this succeeds. */
    public Command and(Command next) {
        return new Command("(" + line + ") && (" + next.line + ")", description + " && " + next.description, loginUser && next.loginUser);
    }

    /** Runs {@code fallback} only when this fails. */
    public Command orElse(Command fallback) {
        return new Command("(" + line + ") || (" + fallback.line + ")", description + " || " + fallback.description, loginUser && fallback.loginUser);
    }

    /** Runs {@code next} after this, whatever this returned. */
    public Command then(Command next) {
        return new Command(line + "; " + next.line, description + "; " + next.description, loginUser && next.loginUser);
    }

    /** Sends stdout to a file (quoted path). */
    public Command writingTo(String path) {
        return new Command("(" + line + ") > " + Shell.quote(path), description + " > " + path, loginUser);
    }

    /** The same command with a friendlier description for logs and errors. */
    public Command describedAs(String text) {
        return new Command(line, text, loginUser);
    }

    /** The same command run as the SSH login user even when that is not root (never through sudo). */
    public Command asLoginUser() {
        return new Command(line, description, true);
    }

    @Override
    public String toString() {
        return description;
    }
}
