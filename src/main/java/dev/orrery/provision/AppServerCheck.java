package dev.orrery.provision;

import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostResolver;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks over SSH that a new server has what the deploy needs before anything is uploaded:
 * {@code tar}, {@code curl} (the health gate probes with it), {@code setpriv} (the app runs as
 * its own user), and the runtime of the cluster's release kind ({@code node} for Meteor and Node
 * apps, {@code java} for jars). A snapshot missing one fails here, naming each missing program,
 * instead of halfway through an install.
 */
public final class AppServerCheck implements Seams.ServerCheck {
    /** Prints each argument that is not a program on the PATH. */
    private static final String MISSING = "for p in \"$@\"; do command -v \"$p\" >/dev/null 2>&1 || echo \"$p\"; done";

    private final HostResolver hosts;

    public AppServerCheck(HostResolver hosts) {
        this.hosts = hosts;
    }

    public static List<String> needed(Release release) {
        List<String> programs = new ArrayList<>(List.of("tar", "curl", "setpriv"));
        if (release != null) {
            programs.add(release.kind() == Release.Kind.JAR ? "java" : "node");
        }
        return programs;
    }

    @Override
    public void check(Cluster cluster, Server server, Progress progress) throws Exception {
        List<String> programs = needed(cluster.app().currentRelease());
        List<String> args = new ArrayList<>(List.of("-c", MISSING, "sh"));
        args.addAll(programs);
        Host host = hosts.hostFor(server);
        ExecResult r = host.run(Command.of("sh", args).describedAs("look for " + String.join(", ", programs)), LineListener.IGNORE);
        List<String> missing = r.output().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(server.name() + " is not ready for the app: " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not installed (the snapshot needs " + String.join(", ", programs) + ")");
        }
        progress.log(server.name() + " has " + String.join(", ", programs));
    }
}
