package dev.orrery.provision;

import dev.orrery.cloud.Provider;
import dev.orrery.cloud.Region;
import dev.orrery.cloud.Size;
import dev.orrery.cloud.Snapshot;
import dev.orrery.cloud.SshKey;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * What the "new droplet from snapshot" pickers offer, read from the API at once: regions, sizes,
 * droplet snapshots and the account's SSH keys — and the filters that keep a choice possible:
 * only sizes sold in the region, only snapshots present there, only sizes whose disk holds
 * the snapshot.
 */
public record DropletChoices(List<Region> regions, List<Size> sizes, List<Snapshot> snapshots, List<SshKey> keys) {

    public DropletChoices {
        regions = List.copyOf(regions);
        sizes = List.copyOf(sizes);
        snapshots = List.copyOf(snapshots);
        keys = List.copyOf(keys);
    }

    /** Loads the four lists in parallel on {@code io} (the engine's pool). */
    public static DropletChoices load(Provider provider, Executor io) {
        CompletableFuture<List<Region>> r = CompletableFuture.supplyAsync(provider::regions, io);
        CompletableFuture<List<Size>> s = CompletableFuture.supplyAsync(provider::sizes, io);
        CompletableFuture<List<Snapshot>> n = CompletableFuture.supplyAsync(provider::snapshots, io);
        CompletableFuture<List<SshKey>> k = CompletableFuture.supplyAsync(provider::sshKeys, io);
        try {
            return new DropletChoices(r.join(), s.join(), n.join(), k.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    public List<Region> availableRegions() {
        return regions.stream().filter(Region::available).sorted(Comparator.comparing(Region::slug)).toList();
    }

    /** Sizes sold in {@code region}, cheapest first. */
    public List<Size> sizesIn(String region) {
        return sizes.stream().filter(Size::available).filter(s -> s.regions().contains(region))
                .sorted(Comparator.comparingDouble(Size::priceMonthly)).toList();
    }

    /** Droplet snapshots present in {@code region}, newest first. */
    public List<Snapshot> snapshotsIn(String region) {
        return snapshots.stream().filter(Snapshot::fromDroplet).filter(s -> s.regions().contains(region))
                .sorted(Comparator.comparing(Snapshot::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
    }

    /** Sizes in {@code region} whose disk is large enough for {@code snapshot}. */
    public List<Size> sizesFor(String region, Snapshot snapshot) {
        return sizesIn(region).stream().filter(s -> s.disk() >= snapshot.minDiskSize()).toList();
    }
}
