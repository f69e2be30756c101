package dev.orrery.remote;

import java.util.Locale;

/**
 * The one place where sudo enters a shell line. Orrery's commands are written as root runs
 * them; logged in as another user, a host runs each through {@code sudo -n} — never a plain
 * {@code sudo}, which could wait for a password nobody types. Uploads by such a user are staged
 * in its home and moved into place by the same privileged step ({@link SftpUpload}).
 *
 * <p>Before the first privileged command, {@link #probe()} checks that sudo works without a
 * password; when it does not, {@link #refusal} names the sudoers line the user needs.
 */
public final class Privilege {
    /** Where a non-root user's uploads wait before the privileged move, relative to its home. */
    static final String STAGING_DIR = ".orrery-upload";

    private final String loginUser;

    private Privilege(String loginUser) {
        this.loginUser = loginUser;
    }

    public static Privilege forLogin(String loginUser) {
        return new Privilege(loginUser);
    }

    /** True when privileged commands go through sudo (the login user is not root). */
    public boolean usesSudo() {
        return !"root".equals(loginUser);
    }

    /** The shell line the host runs for {@code command}: as it is, or as root through {@code sudo -n}. */
    public String line(Command command) {
        if (!usesSudo() || command.loginUser()) {
            return command.line();
        }
        // sh -c keeps the line one shell program (pipes, &&, redirections all run as root)
        return "sudo -n -- sh -c " + Shell.quote(command.line());
    }

    /** Succeeds (exit 0, no output) only when the login user may run anything as root without a password. */
    public static Command probe() {
        return Command.of("sudo", "-n", "--", "true").asLoginUser().describedAs("check passwordless sudo");
    }

    /** The sudoers line a user needs for Orrery: commands as root without a password. */
    public static String sudoersLine(String user) {
        return user + " ALL=(ALL) NOPASSWD: ALL";
    }

    /** Why {@link #probe()} failed, in words that say how to fix it. */
    public SudoRefusedException refusal(String hostName, ExecResult probe) {
        String out = probe.output().toLowerCase(Locale.ROOT);
        String fix = "add `" + sudoersLine(loginUser) + "` with `visudo -f /etc/sudoers.d/orrery` on the server, or log in as root";
        String why;
        if (probe.exitCode() == 127 || out.contains("sudo: not found") || out.contains("command not found")) {
            why = "sudo is not installed, so " + loginUser + " cannot run Orrery's steps as root: install the sudo package and " + fix;
        } else if (out.contains("password is required")) {
            why = loginUser + "'s sudo asks for a password, and Orrery never types one (it runs `sudo -n`): " + fix;
        } else if (out.contains("not in the sudoers") || out.contains("not allowed") || out.contains("may not run sudo")) {
            why = loginUser + " may not use sudo: " + fix;
        } else {
            why = "`sudo -n true` failed for " + loginUser + " (exit " + probe.exitCode()
                    + (out.isBlank() ? "" : ": " + probe.output().strip()) + "): " + fix;
        }
        return new SudoRefusedException(hostName, why);
    }

    /** The login user that {@link #line} was made for. */
    public String loginUser() {
        return loginUser;
    }
}
