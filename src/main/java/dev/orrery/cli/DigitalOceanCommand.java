package dev.orrery.cli;

import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.Region;
import dev.orrery.cloud.Size;
import dev.orrery.cloud.Snapshot;
import dev.orrery.cloud.SshKey;
import dev.orrery.engine.CloudWiring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code orrery digitalocean snapshots|regions|sizes|keys [--json]}: what new droplets can be made from. */
@Command(name = "digitalocean", mixinStandardHelpOptions = true,
        description = {"List snapshots, regions, sizes or SSH keys of the account.", "What new droplets can be made from. Needs the DigitalOcean token (orrery token set)."},
        subcommands = {CommandLine.HelpCommand.class, DigitalOceanCommand.Snapshots.class, DigitalOceanCommand.Regions.class,
                DigitalOceanCommand.Sizes.class, DigitalOceanCommand.Keys.class})
final class DigitalOceanCommand extends CliBase {
    @Override
    protected int execute() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing what to list: snapshots, regions, sizes or keys");
    }

    /** One listing: the provider from the stored token, a table or {@code --json}. */
    abstract static class Listing extends CliBase {
        @Option(names = "--json", description = "Print JSON (shape in the README) instead of a table.")
        boolean json;

        DigitalOceanProvider provider() throws Exception {
            return CloudWiring.provider(ctx().home(), ctx().env());
        }

        int print(Object asJson, TextTable asTable) throws Exception {
            if (json) {
                JsonOutput.print(ctx(), asJson);
            } else {
                ctx().out().print(asTable);
            }
            return 0;
        }
    }

    @Command(name = "snapshots", mixinStandardHelpOptions = true, description = "The account's droplet snapshots.")
    static final class Snapshots extends Listing {
        @Override
        protected int execute() throws Exception {
            List<Snapshot> all = provider().snapshots();
            TextTable t = new TextTable("ID", "NAME", "CREATED", "REGIONS", "MIN DISK GB");
            all.forEach(s -> t.row(s.id(), s.name(), s.createdAt(), String.join(",", s.regions()), s.minDiskSize()));
            return print(new JsonShapes.Snapshots(all.stream().map(JsonShapes.SnapshotRow::of).toList()), t);
        }
    }

    @Command(name = "regions", mixinStandardHelpOptions = true, description = "The regions, and whether they take new droplets.")
    static final class Regions extends Listing {
        @Override
        protected int execute() throws Exception {
            List<Region> all = provider().regions();
            TextTable t = new TextTable("SLUG", "NAME", "AVAILABLE");
            all.forEach(r -> t.row(r.slug(), r.name(), r.available()));
            return print(new JsonShapes.Regions(all.stream().map(JsonShapes.RegionRow::of).toList()), t);
        }
    }

    @Command(name = "sizes", mixinStandardHelpOptions = true, description = "The droplet sizes and their monthly price.")
    static final class Sizes extends Listing {
        @Override
        protected int execute() throws Exception {
            List<Size> all = provider().sizes();
            TextTable t = new TextTable("SLUG", "VCPUS", "MEMORY MB", "DISK GB", "$/MONTH");
            all.forEach(s -> t.row(s.slug(), s.vcpus(), s.memory(), s.disk(), s.priceMonthly()));
            return print(new JsonShapes.Sizes(all.stream().map(JsonShapes.SizeRow::of).toList()), t);
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "The account's SSH keys, to embed in new droplets.")
    static final class Keys extends Listing {
        @Override
        protected int execute() throws Exception {
            List<SshKey> all = provider().sshKeys();
            TextTable t = new TextTable("ID", "NAME", "FINGERPRINT");
            all.forEach(k -> t.row(k.id(), k.name(), k.fingerprint()));
            return print(new JsonShapes.Keys(all.stream().map(JsonShapes.KeyRow::of).toList()), t);
        }
    }
}
