package dev.orrery.adopt;

import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.HostKeyRejectedException;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift against the fake DigitalOcean API: a droplet of the file that is gone, a droplet carrying
 * the cluster's tags that the file does not have, and a server whose host key changed. (The
 * balancer and release checks run against real hosts in AdoptIT.)
 */
class DriftCheckTest {
    final FakeApiFixture api;
    final DigitalOceanClient client;

    DriftCheckTest() throws Exception {
        api = new FakeApiFixture();
        client = api.client();
    }

    @AfterEach
    void close() {
        api.close();
    }

    /** A server no one can reach (the SSH side is AdoptIT's), or whose key changed. */
    record Unreachable(String name, boolean keyChanged) implements Host {
        @Override
        public ExecResult exec(Command command, LineListener output) throws RemoteException {
            if (keyChanged) {
                throw new HostKeyRejectedException(name, "WARNING: THE HOST KEY OF " + name + " HAS CHANGED. Someone could be intercepting", null);
            }
            throw new RemoteException(name, "connection refused", null);
        }

        @Override
        public void upload(Path local, String remotePath, UploadListener progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] content, String remotePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void goneAndUntrackedDropletsAndAChangedHostKey() {
        FakeDroplet a1 = api.fake.droplet("crater-app-1", List.of("crater", "orrery"));
        FakeDroplet a2 = api.fake.droplet("crater-app-2", List.of("crater", "orrery"));
        FakeDroplet stray = api.fake.droplet("crater-app-9", List.of("crater"));
        api.fake.droplet("blog", List.of("blog", "orrery"));
        Cluster c = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
                Server.of("app-1", Role.APP, "198.51.100.211").withProvider("digitalocean", Long.toString(a1.id()), "nyc3", "s-1vcpu-1gb"),
                Server.of("app-2", Role.APP, "198.51.100.36").withProvider("digitalocean", Long.toString(a2.id()), "nyc3", "s-1vcpu-1gb")));
        client.deleteDroplet(a2.id());
        DriftReport r = new DriftCheck(s -> new Unreachable(s.name(), s.name().equals("app-1")), client, Progress.NONE).run(c, null);

        assertThat(r.items()).extracting(DriftItem::kind, DriftItem::subject).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(DriftItem.Kind.HOST_KEY_CHANGED, "app-1"),
                org.assertj.core.groups.Tuple.tuple(DriftItem.Kind.DROPLET_GONE, "app-2"),
                org.assertj.core.groups.Tuple.tuple(DriftItem.Kind.DROPLET_UNTRACKED, "crater-app-9"));
        assertThat(r.items()).allSatisfy(i -> assertThat(i.action()).isNotBlank());
        assertThat(r.items()).filteredOn(i -> i.kind() == DriftItem.Kind.DROPLET_UNTRACKED).first()
                .satisfies(i -> assertThat(i.action()).contains("orrery import digitalocean --tag crater"));
        // the generic "orrery" tag every Orrery droplet carries is not the cluster's: blog is not reported
        assertThat(r.items()).noneMatch(i -> i.subject().equals("blog"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("app-2 was not checked:") && n.contains("connection refused"))
                .anyMatch(n -> n.contains("no balancer server"));
        assertThat(r.text()).contains("[host key changed] app-1").contains("→ if app-1 was rebuilt");
        assertThat(stray.id()).isPositive();
    }

    @Test
    void withoutATokenDigitalOceanIsANoteNotAFinding() {
        Cluster c = new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(), List.of());
        DriftReport r = new DriftCheck(s -> new Unreachable(s.name(), false), null, Progress.NONE).run(c, null);
        assertThat(r.clean()).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.contains("DigitalOcean was not checked: no API token"));
        assertThat(r.text()).startsWith("no drift");
    }
}
