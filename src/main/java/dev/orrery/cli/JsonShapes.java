package dev.orrery.cli;

import dev.orrery.cloud.Region;
import dev.orrery.cloud.Size;
import dev.orrery.cloud.Snapshot;
import dev.orrery.cloud.SshKey;
import dev.orrery.engine.state.LiveSnapshot;
import dev.orrery.engine.state.LockInfo;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ReleaseLabel;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.health.ServerHealth;
import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Role;
import dev.orrery.model.Server;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --json} answers' shapes: each record is one JSON object, its fields in this order,
 * every field always present ({@code null} when there is no value). Changing a shape is a change
 * of Orrery's interface: the README documents them and {@code JsonShapesTest} pins them.
 */
final class JsonShapes {
    private JsonShapes() {
    }

    /** A release: its full id and the short label the window shows. */
    record ReleaseRef(String id, String label) {
        static ReleaseRef of(Cluster c, String id) {
            if (id == null) {
                return null;
            }
            Release meta = c.app().releases().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
            return new ReleaseRef(id, ReleaseLabel.of(id, meta));
        }
    }

    static String roleWord(Role r) {
        return r.name().toLowerCase(Locale.ROOT);
    }

    static String time(long epochMs) {
        return epochMs <= 0 ? null : Instant.ofEpochMilli(epochMs).toString();
    }

    // --- show -------------------------------------------------------------------------------

    record Show(String cluster, ShowApp app, ShowBalancer balancer, List<ShowServer> servers) {
        static Show of(Cluster c) {
            Release current = c.app().currentRelease();
            return new Show(c.name(),
                    new ShowApp(c.app().name(), c.app().port(), current == null ? null : ReleaseRef.of(c, current.id())),
                    new ShowBalancer(c.balancer().kind().name().toLowerCase(Locale.ROOT), c.balancer().stickiness().name().toLowerCase(Locale.ROOT),
                            c.balancer().httpPort(), c.balancer().httpsPort(), c.balancer().tls() == null ? null : c.balancer().tls().serverName(),
                            c.balancer().drained()),
                    c.servers().stream().map(s -> ShowServer.of(c, s)).toList());
        }
    }

    record ShowApp(String name, int port, ReleaseRef release) {
    }

    record ShowBalancer(String kind, String stickiness, int httpPort, int httpsPort, String tlsServerName, List<String> drained) {
    }

    record ShowServer(String name, String role, String publicAddress, String privateAddress, String sshUser, int sshPort,
                      String provider, String dropletId, String region, String size, String state, boolean drained, ReleaseRef release) {
        static ShowServer of(Cluster c, Server s) {
            return new ShowServer(s.name(), roleWord(s.role()), s.publicAddress(), s.privateAddress(), s.sshUser(), s.sshPort(),
                    s.provider(), s.dropletId(), s.region(), s.size(), s.state().word(), c.balancer().isDrained(s.name()),
                    ReleaseRef.of(c, s.release()));
        }
    }

    // --- status -----------------------------------------------------------------------------

    /** @param lockError why the lock could not be read (then {@code lock} is null but unknown), or null */
    record Status(String cluster, String checkedAt, String probeRoute, boolean probesTimedOut, StatusLock lock, String lockError,
                  List<StatusServer> servers, StatusManaged managedBalancer, StatusReservedIp reservedIp) {
        static Status of(LiveSnapshot snap, HealthOnce.Result health, String lockError, StatusBalancer balancer) {
            LockInfo l = snap.lock();
            return new Status(snap.cluster().name(), time(snap.nowMs()), health == null ? null : health.route(),
                    health != null && health.timedOut(),
                    l == null ? null : new StatusLock(l.holder(), l.purpose(), time(l.sinceMs()), l.stale()), lockError,
                    snap.servers().stream().map(s -> StatusServer.of(snap, s)).toList(),
                    balancer.managedJson(snap.nowMs()), balancer.reservedIpJson());
        }
    }

    /**
     * A DigitalOcean Load Balancer as {@code status} shows it (null in {@link Status} for a balancer on a droplet).
     *
     * @param apiStatus the API's word (active, new, errored) or unknown when it did not answer
     */
    record StatusManaged(String name, String state, String badge, String tone, boolean alarm, String apiStatus, String ip, String detail) {
    }

    /**
     * A failover pair's reserved IP (null in {@link Status} without failover).
     *
     * @param holder the balancer the API routes it to, null for none or unknown
     * @param error  why it could not be read, or null
     */
    record StatusReservedIp(String ip, String holder, String state, String badge, String tone, String detail, String error) {
    }

    record StatusLock(String holder, String purpose, String since, boolean stale) {
    }

    /**
     * @param state  the look's word ("up", "deploying · health gate"), as the window's status line
     * @param badge  the look's badge ("UP")
     * @param tone   good, busy, planned, warning, bad or neutral
     * @param alarm  an outage nobody planned
     * @param health up, down, checking, or null when not probed
     */
    record StatusServer(String name, String role, String state, String badge, String tone, boolean alarm, String lifecycle,
                        String health, String healthDetail, ReleaseRef release, StatusActivity activity) {
        static StatusServer of(LiveSnapshot snap, ServerLive s) {
            Look look = snap.look(s);
            return new StatusServer(s.name(), roleWord(s.role()), look.word(), look.badge(), look.tone().name().toLowerCase(Locale.ROOT),
                    look.alarm(), s.lifecycle().word(), s.probed() && s.health() != null ? s.health().word() : null, s.healthDetail(),
                    s.release() == null ? null : new ReleaseRef(s.release(), s.releaseLabel()),
                    s.activity() == null ? null : new StatusActivity(s.activity().kind().doing(), s.activity().step()));
        }
    }

    record StatusActivity(String job, String step) {
    }

    // --- health --once ----------------------------------------------------------------------

    record Health(String cluster, String route, boolean timedOut, long up, int total, List<HealthServer> servers) {
        static Health of(Cluster c, HealthOnce.Result r) {
            return new Health(c.name(), r.route(), r.timedOut(), r.up(), r.rows().size(), r.rows().stream().map(HealthServer::of).toList());
        }
    }

    record HealthServer(String name, String address, String state, int rise, int fall, Double lastLatencyMs, String lastResult,
                        String lastChange) {
        static HealthServer of(ServerHealth h) {
            return new HealthServer(h.name(), h.address(), h.state().word(), h.riseCount(), h.fallCount(),
                    h.last() == null ? null : Math.round(h.last().latencyMs() * 10) / 10.0,
                    h.last() == null ? null : HealthCommand.resultText(h.last()), time(h.lastChangeMs()));
        }
    }

    // --- ssh-check --------------------------------------------------------------------------

    record SshCheck(String knownHosts, long answered, int total, List<SshServer> servers) {
        static SshCheck of(List<dev.orrery.security.ServerSecurity> rows, Path knownHosts) {
            return new SshCheck(knownHosts.toString(), rows.stream().filter(dev.orrery.security.ServerSecurity::reached).count(), rows.size(),
                    rows.stream().map(r -> new SshServer(r.server(), r.target(), r.reached(), r.ms(), r.error(), r.login(), r.hostFirewall(),
                            r.init(), r.cloudFirewall(), r.appPortOutside())).toList());
        }
    }

    record SshServer(String name, String target, boolean ok, long ms, String error, String login, String firewall,
                     String init, String cloudFirewall, String appPortFromOutside) {
    }

    // --- digitalocean -----------------------------------------------------------------------

    record Snapshots(List<SnapshotRow> snapshots) {
    }

    record SnapshotRow(String id, String name, String createdAt, List<String> regions, int minDiskGb) {
        static SnapshotRow of(Snapshot s) {
            return new SnapshotRow(s.id(), s.name(), s.createdAt(), s.regions(), s.minDiskSize());
        }
    }

    record Regions(List<RegionRow> regions) {
    }

    record RegionRow(String slug, String name, boolean available) {
        static RegionRow of(Region r) {
            return new RegionRow(r.slug(), r.name(), r.available());
        }
    }

    record Sizes(List<SizeRow> sizes) {
    }

    record SizeRow(String slug, int vcpus, int memoryMb, int diskGb, double priceMonthly) {
        static SizeRow of(Size s) {
            return new SizeRow(s.slug(), s.vcpus(), s.memory(), s.disk(), s.priceMonthly());
        }
    }

    record Keys(List<KeyRow> keys) {
    }

    record KeyRow(String id, String name, String fingerprint) {
        static KeyRow of(SshKey k) {
            return new KeyRow(String.valueOf(k.id()), k.name(), k.fingerprint());
        }
    }

    // --- import, diff-proxy, drift ----------------------------------------------------------

    /** One finding of an import: where it was read, what it is, mapped/kept/replaced/refused/not_mapped, and why. */
    record ImportRow(String where, String what, String outcome, String detail) {
        static ImportRow of(dev.orrery.adopt.ImportItem i) {
            return new ImportRow(i.where(), i.what(), i.outcome().name().toLowerCase(Locale.ROOT), i.detail());
        }
    }

    /** @param previous where the file's earlier content was kept, or null when the file was new */
    record Import(String cluster, String previous, java.util.Map<String, Long> counts, List<ImportRow> items, List<String> notes) {
        static Import of(dev.orrery.adopt.ImportResult r, Path out, Path previous) {
            java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
            r.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT), v));
            return new Import(out.toString(), previous == null ? null : previous.toString(), counts,
                    r.items().stream().map(ImportRow::of).toList(), r.notes());
        }
    }

    record DiffChange(String kind, String context, String before, String after) {
        static DiffChange of(dev.orrery.adopt.conf.ConfDiff.Change c) {
            return new DiffChange(c.kind().name().toLowerCase(Locale.ROOT), c.context(), c.before(), c.after());
        }
    }

    /** @param noEffect differences nginx or HAProxy treat the same (defaults, units, order) */
    /**
     * The first balancer's diff (the one normally holding a failover pair's reserved IP), and in
     * {@code others} the second's, same shape; {@code balancer} is null for {@code --live-file}.
     */
    record DiffProxy(String live, String source, List<String> warnings, String fingerprint, boolean noChange,
                     List<DiffChange> changes, List<DiffChange> noEffect, String balancer, List<DiffProxy> others) {
        static DiffProxy of(dev.orrery.adopt.BalancerDiffs all) {
            List<DiffProxy> others = all.each().subList(1, all.each().size()).stream().map(e -> of(e, List.of())).toList();
            return of(all.each().get(0), others);
        }

        private static DiffProxy of(dev.orrery.adopt.BalancerDiffs.Each e, List<DiffProxy> others) {
            dev.orrery.adopt.ProxyDiff d = e.diff();
            return new DiffProxy(d.live().mainFile(), d.live().source(), d.live().warnings(), d.rendered().fingerprint(),
                    d.diff().isEmpty(), d.diff().changes().stream().map(DiffChange::of).toList(),
                    d.diff().noEffect().stream().map(DiffChange::of).toList(), e.balancer(), others);
        }
    }

    record DriftRow(String kind, String subject, String finding, String action) {
        static DriftRow of(dev.orrery.adopt.DriftItem i) {
            return new DriftRow(i.kind().name().toLowerCase(Locale.ROOT), i.subject(), i.finding(), i.action());
        }
    }

    record Drift(String cluster, boolean drift, List<DriftRow> items, List<String> notes) {
        static Drift of(Cluster c, dev.orrery.adopt.DriftReport r) {
            return new Drift(c.name(), !r.clean(), r.items().stream().map(DriftRow::of).toList(), r.notes());
        }
    }
}
