package dev.orrery.cli;

import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.Region;
import dev.orrery.cloud.Size;
import dev.orrery.cloud.Snapshot;
import dev.orrery.cloud.SshKey;
import dev.orrery.engine.CloudWiring;

import java.util.List;
import java.util.Map;

/** {@code orrery digitalocean snapshots|regions|sizes|keys}: what the template can be made of. */
public final class CloudListCommand implements CliCommand {
    static final String USAGE = "digitalocean snapshots|regions|sizes|keys";
    private final Map<String, String> env;

    public CloudListCommand() {
        this(System.getenv());
    }

    public CloudListCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "digitalocean";
    }

    @Override
    public String usage() {
        return "digitalocean snapshots|regions|sizes|keys  list what new droplets can be made from";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        if (args.size() != 1) {
            throw new UsageException("usage: " + USAGE);
        }
        String what = args.get(0);
        if (!List.of("snapshots", "regions", "sizes", "keys").contains(what)) {
            throw new UsageException("unknown list '" + what + "'; usage: " + USAGE);
        }
        DigitalOceanProvider p = CloudWiring.provider(ctx.home(), env);
        TextTable t;
        switch (what) {
            case "snapshots" -> {
                t = new TextTable("ID", "NAME", "CREATED", "REGIONS", "MIN DISK GB");
                for (Snapshot s : p.snapshots()) {
                    t.row(s.id(), s.name(), s.createdAt(), String.join(",", s.regions()), s.minDiskSize());
                }
            }
            case "regions" -> {
                t = new TextTable("SLUG", "NAME", "AVAILABLE");
                for (Region r : p.regions()) {
                    t.row(r.slug(), r.name(), r.available());
                }
            }
            case "sizes" -> {
                t = new TextTable("SLUG", "VCPUS", "MEMORY MB", "DISK GB", "$/MONTH");
                for (Size s : p.sizes()) {
                    t.row(s.slug(), s.vcpus(), s.memory(), s.disk(), s.priceMonthly());
                }
            }
            default -> {
                t = new TextTable("ID", "NAME", "FINGERPRINT");
                for (SshKey k : p.sshKeys()) {
                    t.row(k.id(), k.name(), k.fingerprint());
                }
            }
        }
        ctx.out().print(t);
        return 0;
    }
}
