package dev.orrery.cloud;

import dev.orrery.task.Progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Provider} on the DigitalOcean API. */
public final class DigitalOceanProvider implements Provider {
    public static final String NAME = "digitalocean";

    private final DigitalOceanClient client;

    public DigitalOceanProvider(DigitalOceanClient client) {
        this.client = client;
    }

    public DigitalOceanClient client() {
        return client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServerHandle create(ServerSpec spec) {
        List<Object> keys = new ArrayList<>();
        for (String k : spec.sshKeys()) {
            // The API takes key ids as integers and fingerprints as strings.
            keys.add(k.matches("[0-9]{1,18}") ? (Object) Long.parseLong(k) : k);
        }
        DropletRequest req = new DropletRequest(spec.name(), spec.region(), spec.size(),
                ImageRef.ofSnapshotId(spec.snapshotId()), keys, spec.vpcUuid(), spec.tags(), spec.userData());
        DigitalOceanClient.CreatedDroplet c = client.createDroplet(req);
        Long action = c.actionIds().isEmpty() ? null : c.actionIds().get(0);
        return handle(c.droplet(), action);
    }

    @Override
    public ServerHandle awaitReady(ServerHandle server, Duration timeout, Progress progress) {
        Instant deadline = client.clock().instant().plus(timeout);
        if (server.createActionId() != null) {
            client.awaitAction(server.createActionId(), timeout, progress);
        }
        long id = dropletId(server.id());
        while (true) {
            progress.checkCancelled();
            Droplet d = client.getDroplet(id);
            if ("active".equals(d.status()) && d.publicIpv4() != null) {
                return handle(d, server.createActionId());
            }
            if (!client.clock().instant().isBefore(deadline)) {
                throw new CloudTimeoutException("droplet " + d.name() + " (" + id + ") is still " + d.status()
                        + (d.publicIpv4() == null ? " without a public address" : "") + " after " + timeout.toSeconds() + " s", false, null);
            }
            client.pause();
        }
    }

    @Override
    public Optional<ServerHandle> find(String name, String tag) {
        return client.findByName(name, tag).map(d -> handle(d, null));
    }

    @Override
    public ServerHandle get(String id) {
        return handle(client.getDroplet(dropletId(id)), null);
    }

    @Override
    public boolean delete(String id) {
        return client.deleteDroplet(dropletId(id));
    }

    @Override
    public boolean shutdown(String id, Duration timeout, Progress progress) {
        long d = dropletId(id);
        Instant deadline = client.clock().instant().plus(timeout);
        Action a = client.dropletAction(d, "shutdown", Map.of());
        try {
            client.awaitAction(a.id(), timeout, progress);
        } catch (CloudTimeoutException e) {
            return false;
        } catch (CloudException e) {
            if ("action_errored".equals(e.errorId())) {
                return false; // the spec: shutdown can fail; power_off is the fallback
            }
            throw e;
        }
        // The action only guarantees the command was issued; wait for the droplet to be off.
        while (true) {
            progress.checkCancelled();
            if ("off".equals(client.getDroplet(d).status())) {
                return true;
            }
            if (!client.clock().instant().isBefore(deadline)) {
                return false;
            }
            client.pause();
        }
    }

    @Override
    public void powerOff(String id, Duration timeout, Progress progress) {
        Action a = client.dropletAction(dropletId(id), "power_off", Map.of());
        client.awaitAction(a.id(), timeout, progress);
    }

    @Override
    public void powerOn(String id, Duration timeout, Progress progress) {
        Action a = client.dropletAction(dropletId(id), "power_on", Map.of());
        client.awaitAction(a.id(), timeout, progress);
    }

    @Override
    public Snapshot snapshot(String id, String snapshotName, Duration timeout, Progress progress) {
        long d = dropletId(id);
        Action a = client.dropletAction(d, "snapshot", Map.of("name", snapshotName));
        client.awaitAction(a.id(), timeout, progress);
        return client.listSnapshots().stream()
                .filter(s -> snapshotName.equals(s.name()) && String.valueOf(d).equals(s.resourceId()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new CloudException("the snapshot " + snapshotName + " finished but is not listed"));
    }

    @Override
    public List<Snapshot> snapshots() {
        return client.listSnapshots();
    }

    @Override
    public List<Region> regions() {
        return client.listRegions();
    }

    @Override
    public List<Size> sizes() {
        return client.listSizes();
    }

    @Override
    public List<SshKey> sshKeys() {
        return client.listSshKeys();
    }

    static long dropletId(String id) {
        if (id == null || !id.matches("[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("\"" + id + "\" is not a droplet id");
        }
        return Long.parseLong(id);
    }

    private static ServerHandle handle(Droplet d, Long action) {
        return new ServerHandle(String.valueOf(d.id()), d.name(), d.status(), d.publicIpv4(), d.privateIpv4(),
                d.regionSlug(), d.sizeSlug(), action);
    }
}
