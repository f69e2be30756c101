package dev.orrery.deploy;

import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An app server as the rollout sees it, in memory: it keeps {@code current} and the installed
 * releases, answers health probes by the live release, and records every call in a shared event
 * list ("app-1 exec stop app", "app-2 upload …") so tests can check the order across servers.
 */
final class FakeHost implements Host {
    final String name;
    final List<String> events;
    String current;
    final Set<String> installed = new HashSet<>();
    /** HTTP status the health path answers for a live release id (0: nothing answers). */
    Function<String, Integer> health = id -> 200;
    /** When set, what the app port answers instead (a release healthy in preflight but not once live). */
    Function<String, Integer> liveHealth;
    String preflight;
    /** Commands whose description matches fail with exit 1. */
    Predicate<String> failing = d -> false;
    boolean closed;
    /** What listens on the app port before Orrery's first deploy (the takeover's inspect), e.g. "upstart crater 812". */
    String portHolder = "none";

    FakeHost(String name, String current, List<String> events) {
        this.name = name;
        this.current = current;
        this.events = events;
        if (current != null) {
            installed.add(current);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecResult exec(Command command, LineListener output) {
        String d = command.description();
        events.add(name + " exec " + d);
        if (failing.test(d)) {
            return new ExecResult(1, List.of("simulated failure of " + d));
        }
        if (d.startsWith("what listens on port")) {
            return new ExecResult(0, List.of(portHolder));
        }
        if (d.startsWith("stop the app that ran before Orrery")) {
            portHolder = "none";
            return new ExecResult(0, List.of("stopped"));
        }
        if (d.startsWith("switch current to ")) {
            String id = d.substring("switch current to ".length());
            if (!installed.contains(id)) {
                return new ExecResult(1, List.of("no such release " + id));
            }
            current = id;
        } else if (d.equals("read current release")) {
            return new ExecResult(0, current == null ? List.of() : List.of(current));
        } else if (d.startsWith("is ") && d.endsWith(" installed")) {
            return new ExecResult(installed.contains(d.substring(3, d.length() - 10)) ? 0 : 1, List.of());
        } else if (d.startsWith("finish ")) {
            installed.add(d.substring(7));
        } else if (d.equals("detect systemd")) {
            return new ExecResult(0, List.of("supervisor"));
        } else if (d.startsWith("preflight ")) {
            preflight = d.split(" ")[1];
        } else if (d.equals("stop preflight")) {
            preflight = null;
        } else if (d.startsWith("GET ")) {
            boolean spare = d.endsWith("port 13000");
            if (spare && preflight == null) {
                return new ExecResult(7, List.of("000"));
            }
            int code = spare ? health.apply(preflight) : (liveHealth != null ? liveHealth : health).apply(current);
            return new ExecResult(code == 0 ? 7 : 0, List.of(code == 0 ? "000" : Integer.toString(code)));
        } else if (command.line().startsWith("tail ")) {
            return new ExecResult(0, List.of("log line 1 of " + name, "Error: boom in " + current));
        }
        return new ExecResult(0, List.of());
    }

    @Override
    public void upload(Path local, String remotePath, UploadListener progress) throws RemoteException {
        events.add(name + " upload " + remotePath);
        if (failing.test("upload")) {
            throw new RemoteException(name, "checksum mismatch after upload", null);
        }
        progress.transferred(10, 10);
    }

    @Override
    public void write(byte[] content, String remotePath) {
        events.add(name + " write " + remotePath);
    }

    @Override
    public void close() {
        closed = true;
    }
}
