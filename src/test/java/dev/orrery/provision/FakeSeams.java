package dev.orrery.provision;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Seams that record what they were asked and fail on demand. */
final class FakeSeams {
    final List<String> sshWaitedFor = new CopyOnWriteArrayList<>();
    final List<String> deployedTo = new CopyOnWriteArrayList<>();
    final List<Cluster> pushes = new CopyOnWriteArrayList<>();
    volatile RuntimeException sshFailure;
    volatile int pushFailures;

    Seams.ProvisionSeams seams() {
        return new Seams.ProvisionSeams(
                (server, timeout, progress) -> {
                    progress.checkCancelled(); // a real wait polls and checks between tries
                    sshWaitedFor.add(server.name() + "@" + server.publicAddress());
                    if (sshFailure != null) {
                        throw sshFailure;
                    }
                    return "SHA256:fakeHostKeyOf" + server.name();
                },
                (cluster, server, progress) -> progress.checkCancelled(),
                (cluster, server, release, progress) -> deployedTo.add(server.name() + ":" + release.id()),
                pusher());
    }

    Seams.BalancerPusher pusher() {
        return (cluster, progress) -> {
            pushes.add(cluster);
            if (pushFailures > 0) {
                pushFailures--;
                throw new IllegalStateException("nginx -t failed");
            }
        };
    }

    /** The app servers the last push put into rotation (present and not drained). */
    List<String> inRotation() {
        Cluster last = pushes.get(pushes.size() - 1);
        return last.appServers().stream().map(Server::name).filter(n -> !last.balancer().isDrained(n)).toList();
    }
}
