package dev.orrery.logs;

import dev.orrery.remote.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The command that follows log files on a server: {@code orrery-tail.sh} (a resource; POSIX sh
 * with stat, tail, head, find and ls, nothing installed) with each file's path and position.
 * {@code exec}: the script is the session's process, so a stop signal reaches it.
 */
public final class TailScript {
    /** Bytes read back from the end of a file never followed before. */
    public static final long BACKFILL = 64 * 1024;
    /** Further behind than this (Orrery was closed a long time), the reader skips ahead to BACKFILL before the end. */
    public static final long MAX_GAP = 16L * 1024 * 1024;
    /** Rounds (of ~0.2 s when idle) before the script ends and the client runs it again: about 10 minutes. */
    public static final int ROUNDS = 3000;

    private static final String TEXT = load();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TailScript() {
    }

    /** One file to follow and where to start. */
    public record File(String path, TailPosition position, TailPosition old) {
    }

    /** A random word for the control lines: no line of a log file carries it. */
    public static String nonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static Command command(String nonce, List<File> files) {
        return command(nonce, files, BACKFILL, MAX_GAP, ROUNDS);
    }

    static Command command(String nonce, List<File> files, long backfill, long maxGap, int rounds) {
        List<String> args = new ArrayList<>(List.of("-c", TEXT, "orrery-tail", nonce, Long.toString(backfill), Long.toString(maxGap),
                Integer.toString(rounds)));
        for (File f : files) {
            TailPosition old = f.old();
            args.add(f.path());
            args.add(Long.toString(f.position().inode()));
            args.add(Long.toString(f.position().offset()));
            args.add(f.position().head());
            args.add(Long.toString(old == null ? 0 : old.inode()));
            args.add(Long.toString(old == null ? 0 : old.offset()));
            args.add(old == null ? "-" : old.head());
            args.add(f.position().siblings());
        }
        Command sh = Command.of("sh", args);
        return new Command("exec " + sh.line(), "follow " + String.join(", ", files.stream().map(File::path).toList()));
    }

    private static String load() {
        try (InputStream in = TailScript.class.getResourceAsStream("/dev/orrery/logs/orrery-tail.sh")) {
            if (in == null) {
                throw new IllegalStateException("orrery-tail.sh is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
