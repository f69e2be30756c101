package dev.orrery.adopt;

import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.Droplet;
import dev.orrery.cloud.DropletTemplate;
import dev.orrery.cloud.Vpc;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Problem;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Droplets found at DigitalOcean (by tag or name prefix) read into a cluster: each with its
 * public and private address, region, size and the image it came from; the balancer chosen by
 * name or read from a tag; the snapshot the app servers came from as the cluster's droplet
 * template, when the API says. Into an existing cluster (say from a mup file), droplets are
 * matched to its servers by droplet id, address or name, and those servers gain what DigitalOcean knows.
 */
public final class DropletImport {
    /** Tags that mark the balancer or a database droplet when no name is given. */
    public static final Set<String> BALANCER_TAGS = Set.of("balancer", "lb", "load-balancer");
    public static final Set<String> DATABASE_TAGS = Set.of("database", "db", "mongo", "mongodb");

    /**
     * @param balancer  the balancer droplet's name, or null to read it from a tag
     * @param balancerTag the tag that marks the balancer, or null for {@link #BALANCER_TAGS}
     */
    public record Options(String tag, String namePrefix, String balancer, String balancerTag, List<String> databases, String clusterName) {
        public Options {
            databases = databases != null ? List.copyOf(databases) : List.of();
        }
    }

    public record Result(ImportResult result, DropletTemplate template) {
    }

    private final List<ImportItem> items = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private DropletImport() {
    }

    public static Result read(List<Droplet> droplets, List<Vpc> vpcs, Cluster base, Options o) throws ImportException {
        return new DropletImport().run(droplets, vpcs, base, o);
    }

    private Result run(List<Droplet> all, List<Vpc> vpcs, Cluster base, Options o) throws ImportException {
        List<Droplet> droplets = all.stream().filter(d -> o.namePrefix() == null || d.name().startsWith(o.namePrefix()))
                .filter(d -> o.tag() == null || d.tags().contains(o.tag())).toList();
        if (droplets.isEmpty()) {
            throw new ImportException("no droplet " + (o.tag() != null ? "is tagged " + o.tag() : "is named " + o.namePrefix() + "…")
                    + " in this DigitalOcean account");
        }
        Droplet balancer = balancer(droplets, o);
        Map<String, Vpc> vpcById = vpcs.stream().collect(Collectors.toMap(Vpc::id, Function.identity(), (a, b) -> a));
        List<Server> servers = base != null ? new ArrayList<>(base.servers()) : new ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (Droplet d : droplets) {
            Role role = d == balancer ? Role.BALANCER : isDatabase(d, o) ? Role.DATABASE : Role.APP;
            String where = "droplet " + d.id();
            String pub = d.publicIpv4() != null ? d.publicIpv4() : d.privateIpv4();
            if (pub == null) {
                items.add(ImportItem.refused(where, d.name(), "it has no address yet (status " + d.status() + "); import again once it is up"));
                continue;
            }
            String priv = privateAddress(d, balancer, vpcById);
            Optional<Server> existing = servers.stream().filter(s -> Objects.equals(s.dropletId(), Long.toString(d.id()))
                    || pub.equals(s.publicAddress()) || (d.privateIpv4() != null && d.privateIpv4().equals(s.privateAddress()))
                    || s.name().equals(serverName(d.name()))).findFirst();
            Server s;
            if (existing.isPresent()) {
                Server e = existing.get();
                s = e.withAddresses(pub, priv != null ? priv : e.privateAddress())
                        .withProvider(DigitalOceanProvider.NAME, Long.toString(d.id()), d.regionSlug(), d.sizeSlug());
                servers.set(servers.indexOf(e), s);
                if (e.role() != role) {
                    notes.add(e.name() + " is a " + e.role().label().toLowerCase(Locale.ROOT) + " in the cluster file; DigitalOcean's tags say "
                            + role.label().toLowerCase(Locale.ROOT) + ": the file's role is kept");
                }
            } else {
                String name = unique(serverName(d.name()), role, servers);
                s = Server.of(name, role, pub).withAddresses(pub, priv)
                        .withProvider(DigitalOceanProvider.NAME, Long.toString(d.id()), d.regionSlug(), d.sizeSlug())
                        .withState(state(d.status()));
                servers.add(s);
            }
            matched.add(s.name());
            items.add(ImportItem.mapped(where, d.name(), (existing.isPresent() ? existing.get().name() + " (already in the cluster)" : s.name())
                    + ": " + s.role().label().toLowerCase(Locale.ROOT) + ", " + pub + (priv != null ? " / " + priv : "") + ", " + d.regionSlug()
                    + ", " + d.sizeSlug() + ", " + imageText(d)));
        }
        if (base != null) {
            base.servers().stream().filter(s -> !matched.contains(s.name()) && servers.stream().anyMatch(x -> x.name().equals(s.name())))
                    .forEach(s -> notes.add(s.name() + " (" + s.publicAddress() + ") is in the cluster file but not among the droplets found"));
        }
        DropletTemplate template = template(droplets, balancer, o);
        vpcNotes(droplets, vpcById);
        return new Result(finish(servers, base, o), template);
    }

    private Droplet balancer(List<Droplet> droplets, Options o) throws ImportException {
        if (o.balancer() != null) {
            return droplets.stream().filter(d -> d.name().equals(o.balancer())).findFirst()
                    .orElseThrow(() -> new ImportException("no droplet named " + o.balancer() + " among those found ("
                            + droplets.stream().map(Droplet::name).collect(Collectors.joining(", ")) + ")"));
        }
        Set<String> tags = o.balancerTag() != null ? Set.of(o.balancerTag()) : BALANCER_TAGS;
        List<Droplet> tagged = droplets.stream().filter(d -> d.tags().stream().anyMatch(tags::contains)).toList();
        if (tagged.size() > 1) {
            throw new ImportException("more than one droplet carries a balancer tag (" + tagged.stream().map(Droplet::name)
                    .collect(Collectors.joining(", ")) + "); say which is the balancer with --balancer NAME");
        }
        if (tagged.isEmpty()) {
            notes.add("no droplet is tagged " + String.join(" or ", tags) + ": the cluster has no balancer yet (--balancer NAME picks one)");
            return null;
        }
        return tagged.get(0);
    }

    private static boolean isDatabase(Droplet d, Options o) {
        return o.databases().contains(d.name()) || d.tags().stream().anyMatch(DATABASE_TAGS::contains);
    }

    /** The private address, where the balancer can reach it: in the balancer's VPC (or any, without a balancer). */
    private String privateAddress(Droplet d, Droplet balancer, Map<String, Vpc> vpcs) {
        if (d.privateIpv4() == null) {
            return null;
        }
        if (balancer != null && d != balancer && balancer.vpcUuid() != null && d.vpcUuid() != null && !balancer.vpcUuid().equals(d.vpcUuid())) {
            notes.add(d.name() + " is in VPC " + vpcName(d.vpcUuid(), vpcs) + ", the balancer in " + vpcName(balancer.vpcUuid(), vpcs)
                    + ": private addresses do not reach across VPCs, so the balancer will use its public address " + d.publicIpv4());
            return null;
        }
        return d.privateIpv4();
    }

    private static String vpcName(String id, Map<String, Vpc> vpcs) {
        Vpc v = vpcs.get(id);
        return v != null ? v.name() + " (" + v.ipRange() + ")" : id;
    }

    private void vpcNotes(List<Droplet> droplets, Map<String, Vpc> vpcs) {
        Set<String> ids = droplets.stream().map(Droplet::vpcUuid).filter(Objects::nonNull).collect(Collectors.toSet());
        if (ids.size() == 1) {
            notes.add("every droplet is in VPC " + vpcName(ids.iterator().next(), vpcs) + ": the balancer reaches the app servers on their private addresses");
        }
        droplets.stream().filter(d -> d.privateIpv4() == null).forEach(d -> notes.add(d.name()
                + " has no private address (private networking off): the balancer reaches it on its public one"));
    }

    /** The snapshot every app server came from, as the template for the next one. */
    private DropletTemplate template(List<Droplet> droplets, Droplet balancer, Options o) {
        List<Droplet> apps = droplets.stream().filter(d -> d != balancer && !isDatabase(d, o)).toList();
        Map<Long, List<Droplet>> bySnapshot = new LinkedHashMap<>();
        for (Droplet d : apps) {
            if (d.image() != null && d.image().isSnapshot() && d.image().id() != null) {
                bySnapshot.computeIfAbsent(d.image().id(), k -> new ArrayList<>()).add(d);
            }
        }
        if (bySnapshot.isEmpty()) {
            notes.add("no app server says it was made from a snapshot: take one with orrery snapshot CLUSTER.json SERVER --use");
            return null;
        }
        Map.Entry<Long, List<Droplet>> most = bySnapshot.entrySet().stream().max((a, b) -> a.getValue().size() - b.getValue().size()).orElseThrow();
        Droplet d = most.getValue().get(0);
        if (bySnapshot.size() > 1 || most.getValue().size() < apps.size()) {
            notes.add("the app servers came from different images; the template uses snapshot " + d.image().name() + " (" + most.getKey()
                    + "), which " + most.getValue().size() + " of " + apps.size() + " came from");
        }
        notes.add("droplet template: snapshot " + d.image().name() + " (" + most.getKey() + "), " + d.regionSlug() + ", " + d.sizeSlug()
                + (d.vpcUuid() != null ? ", VPC " + d.vpcUuid() : "") + "; SSH keys to embed are not in the API's answer: add them with "
                + "orrery provision … --ssh-key ID --save");
        return new DropletTemplate(d.regionSlug(), d.sizeSlug(), Long.toString(most.getKey()), List.of(), d.vpcUuid(), null);
    }

    private ImportResult finish(List<Server> servers, Cluster base, Options o) throws ImportException {
        String name = base != null ? base.name() : clusterName(o);
        AppSpec app = base != null && base.app() != null ? base.app() : new AppSpec(name, 3000, Map.of(), List.of());
        Balancer b = base != null ? base.balancer() : Balancer.defaults();
        if (base == null) {
            notes.add("the app (name, port, environment) is not at DigitalOcean: app.port is 3000 until orrery import mup or "
                    + "orrery import balancer says otherwise");
        }
        Cluster c = new Cluster(name, app, b, servers);
        List<Problem> problems = ClusterValidator.validate(c);
        if (!problems.isEmpty()) {
            throw new ImportException("the imported cluster is not valid: " + problems.stream().map(p -> p.field() + " " + p.message()).toList());
        }
        return new ImportResult(c, items, notes);
    }

    private static String clusterName(Options o) throws ImportException {
        String raw = o.clusterName() != null ? o.clusterName() : o.tag() != null ? o.tag() : o.namePrefix();
        String n = serverName(raw);
        if (Rules.name(n).isPresent()) {
            throw new ImportException("\"" + raw + "\" does not make a cluster name; give one with --name");
        }
        return n;
    }

    /** A droplet name as a server name: lower case, '.' and other characters as '-'. */
    static String serverName(String dropletName) {
        String n = dropletName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return n.length() > 63 ? n.substring(0, 63).replaceAll("-+$", "") : n;
    }

    private static String unique(String name, Role role, List<Server> servers) {
        if (name.isEmpty() || Rules.name(name).isPresent()) {
            return new Cluster("x", null, null, servers).suggestName(role);
        }
        String candidate = name;
        for (int i = 2; servers.stream().map(Server::name).anyMatch(candidate::equals); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    private static ServerState state(String status) {
        return switch (status == null ? "" : status) {
            case "active" -> ServerState.READY;
            case "off" -> ServerState.STOPPED;
            case "new" -> ServerState.PROVISIONING;
            default -> ServerState.NEW;
        };
    }

    private static String imageText(Droplet d) {
        if (d.image() == null) {
            return "image unknown";
        }
        return d.image().isSnapshot() ? "from snapshot " + d.image().name() + " (" + d.image().id() + ")"
                : "from " + (d.image().type() != null ? d.image().type() + " image " : "image ") + (d.image().slug() != null ? d.image().slug() : d.image().name());
    }
}
