package dev.orrery.deploy;

import dev.orrery.model.Rules;
import dev.orrery.remote.Shell;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The environment file the launcher sources with POSIX sh: one {@code export KEY='value'} per
 * variable, each value quoted by {@link Shell#quote}. Inside single quotes sh takes every
 * character literally — quotes, {@code $(…)}, backticks, newlines, JSON — so the app's
 * process.env holds exactly the value the user typed. The file is never pasted into a command
 * line: it is uploaded as bytes and only ever read by sh.
 */
public final class EnvFile {

    private EnvFile() {
    }

    public static byte[] render(Map<String, String> env) {
        StringBuilder sb = new StringBuilder("# Written by Orrery; sourced by orrery-run. Do not edit: the next deploy replaces it.\n");
        env.forEach((k, v) -> {
            Rules.envKey(k).ifPresent(why -> {
                throw new IllegalArgumentException("environment key \"" + k + "\" " + why);
            });
            Rules.envValue(v).ifPresent(why -> {
                throw new IllegalArgumentException("environment value of " + k + " " + why);
            });
            // Shell.quote leaves safe words bare; quote always so the file reads uniformly.
            String q = Shell.quote(v);
            sb.append("export ").append(k).append('=').append(q.startsWith("'") ? q : "'" + q + "'").append('\n');
        });
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
