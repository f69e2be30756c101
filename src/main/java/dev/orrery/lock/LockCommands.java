package dev.orrery.lock;

import dev.orrery.model.Rules;
import dev.orrery.remote.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * The lock's commands on the server that keeps it, as data: constant sh scripts with the values
 * as positional arguments. The lock is a directory made with {@code mkdir} — atomic, so of two
 * takers exactly one succeeds — holding {@code holder.json} and a {@code heartbeat} file whose
 * modification time the holder refreshes. Ages are computed by the server's own clock, so the
 * workstations' clocks never matter.
 */
final class LockCommands {
    /** Where locks live on the lock server; survives reboots (unlike /run) like the work it guards. */
    static final String DIR = "/var/lib/orrery/locks";

    static final String TAKEN = "orrery:lock-taken";
    static final String HELD = "orrery:lock-held";
    static final String FREE = "orrery:lock-free";
    static final String AGE = "orrery:heartbeat-age ";
    static final String REFRESHED = "orrery:lock-refreshed";
    static final String LOST = "orrery:lock-lost";
    static final String RELEASED = "orrery:lock-released";

    private final String base;

    /** @param base the directory locks live in: {@link #DIR}, or a test's own */
    LockCommands(String base) {
        Rules.filePath(base).ifPresent(why -> {
            throw new IllegalArgumentException("lock directory " + why);
        });
        this.base = base;
    }

    String dir(String cluster) {
        Rules.name(cluster).ifPresent(why -> {
            throw new IllegalArgumentException("cluster name " + why);
        });
        return base + "/" + cluster;
    }

    private static Command script(String description, String script, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", script, "orrery"));
        all.addAll(List.of(args));
        return Command.of("sh", all).describedAs(description);
    }

    /** Prints the state of a held lock: the marker, the heartbeat's age and the holder's JSON on one line. */
    private static final String SHOW = """
            show() {
              now=$(date +%s)
              beat=$(stat -c %Y "$1/heartbeat" 2>/dev/null || stat -c %Y "$1")
              echo "orrery:heartbeat-age $((now - beat))"
              if [ -s "$1/holder.json" ]; then tr -d '\\n' < "$1/holder.json"; echo; fi
            }
            """;

    /** Takes the lock (prints TAKEN) or shows who holds it (prints HELD and its state). */
    Command take(String cluster, String holderJson) {
        return script("take the lock of " + cluster, SHOW + """
                umask 022
                mkdir -p "${1%/*}" || exit 1
                if mkdir "$1" 2>/dev/null; then
                  printf '%s\\n' "$2" > "$1/holder.json.tmp" && mv -f "$1/holder.json.tmp" "$1/holder.json" && : > "$1/heartbeat" || exit 1
                  echo orrery:lock-taken
                else
                  echo orrery:lock-held
                  show "$1"
                fi
                """, dir(cluster), holderJson);
    }

    /** Shows the lock (HELD and its state) or says it is free. */
    Command read(String cluster) {
        return script("read the lock of " + cluster, SHOW + """
                if [ -d "$1" ]; then echo orrery:lock-held; show "$1"; else echo orrery:lock-free; fi
                """, dir(cluster));
    }

    /** Refreshes the heartbeat if the lock still carries our token; else says it is lost. */
    Command heartbeat(String cluster, String token) {
        return script("refresh the lock of " + cluster, """
                if grep -qF -- "$2" "$1/holder.json" 2>/dev/null; then : > "$1/heartbeat" && echo orrery:lock-refreshed; else echo orrery:lock-lost; fi
                """, dir(cluster), token);
    }

    /** Gives the lock back, only if it still carries our token. */
    Command release(String cluster, String token) {
        return script("give back the lock of " + cluster, """
                if grep -qF -- "$2" "$1/holder.json" 2>/dev/null; then rm -rf -- "$1" && echo orrery:lock-released; else echo orrery:lock-lost; fi
                """, dir(cluster), token);
    }

    /** Removes the lock whoever holds it, after showing it. */
    Command clear(String cluster) {
        return script("clear the lock of " + cluster, SHOW + """
                if [ -d "$1" ]; then echo orrery:lock-held; show "$1"; rm -rf -- "$1"; else echo orrery:lock-free; fi
                """, dir(cluster));
    }
}
