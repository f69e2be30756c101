package dev.orrery.cli;

import dev.orrery.remote.HostKeyPrompt;

import java.io.IOException;

/**
 * Asks on the terminal whether to trust an unknown host key, showing its SHA256 fingerprint as
 * OpenSSH does. With {@code --accept-new-host-keys} unknown keys are trusted and recorded
 * without asking (changed keys are refused before any prompt either way). With no terminal
 * input the key is refused, and the message names the flag.
 */
public final class TerminalHostKeyPrompt implements HostKeyPrompt {
    public static final String ACCEPT_NEW_FLAG = "--accept-new-host-keys";

    private final CliContext ctx;
    private final boolean acceptNew;

    public TerminalHostKeyPrompt(CliContext ctx, boolean acceptNew) {
        this.ctx = ctx;
        this.acceptNew = acceptNew;
    }

    @Override
    public synchronized boolean acceptUnknown(String host, String keyType, String fingerprint) {
        if (acceptNew) {
            ctx.err().println("Trusting the new " + keyType + " host key of " + host + ": " + fingerprint + " (" + ACCEPT_NEW_FLAG + ")");
            return true;
        }
        ctx.err().println("The authenticity of " + host + " can't be established.");
        ctx.err().println(keyType + " key fingerprint is " + fingerprint + ".");
        ctx.err().print("Are you sure you want to trust this key and continue connecting (yes/no)? ");
        ctx.err().flush();
        String answer;
        try {
            answer = ctx.in() != null ? ctx.in().readLine() : null;
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            ctx.err().println();
            ctx.err().println("No terminal input to ask on: the key is refused. Check the fingerprint and run again on a terminal,"
                    + " or pass " + ACCEPT_NEW_FLAG + " to trust keys of servers seen for the first time (changed keys are still refused).");
            return false;
        }
        String a = answer.strip().toLowerCase(java.util.Locale.ROOT);
        boolean yes = a.equals("yes") || a.equals("y");
        if (!yes) {
            ctx.err().println("Host key refused.");
        }
        return yes;
    }
}
