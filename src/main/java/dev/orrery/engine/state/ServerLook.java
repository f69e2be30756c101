package dev.orrery.engine.state;

import dev.orrery.health.HealthState;
import dev.orrery.model.ServerState;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * THE function from a server's live state to what every face shows. The topology, inspector,
 * health table, status bar, notifications and {@code orrery status} call it and nothing else,
 * so they cannot disagree. The rules, first match wins:
 *
 * <table>
 * <tr><th>#</th><th>when</th><th>badge</th><th>word</th><th>tone</th><th>alarm</th></tr>
 * <tr><td>1</td><td>lifecycle failed</td><td>FAILED</td><td>failed</td><td>BAD</td><td>no (known, not news)</td></tr>
 * <tr><td>2</td><td>a job works on it, probes say down, the step may stop it (or it is drained, or such a step just ended: within the settle time)</td><td>the job's (DEPLOYING)</td><td>"deploying · stopping"</td><td>PLANNED</td><td>no</td></tr>
 * <tr><td>3</td><td>a job works on it, probes say down, the step should not stop it</td><td>DOWN</td><td>"down during deploying (not planned)"</td><td>BAD</td><td>yes</td></tr>
 * <tr><td>4</td><td>a job works on it otherwise</td><td>the job's</td><td>"deploying · upload"</td><td>BUSY</td><td>no</td></tr>
 * <tr><td>5</td><td>lifecycle provisioning, no job</td><td>PROVISIONING</td><td>"provisioning did not finish"</td><td>WARNING</td><td>no</td></tr>
 * <tr><td>6</td><td>drained</td><td>DRAINED</td><td>"drained" (+ " · down" / " · up")</td><td>PLANNED</td><td>no</td></tr>
 * <tr><td>7</td><td>lifecycle stopped</td><td>STOPPED</td><td>stopped</td><td>NEUTRAL</td><td>no</td></tr>
 * <tr><td>8</td><td>probed, down, within the settle time after planned work</td><td>RESTARTING</td><td>"restarting after deploying"</td><td>PLANNED</td><td>no</td></tr>
 * <tr><td>9</td><td>probed, down</td><td>DOWN</td><td>down</td><td>BAD</td><td>yes</td></tr>
 * <tr><td>10</td><td>probed, up, the balancer's checks say down</td><td>UP</td><td>"up · balancer says down"</td><td>WARNING</td><td>no</td></tr>
 * <tr><td>11</td><td>probed, up</td><td>UP</td><td>up</td><td>GOOD</td><td>no</td></tr>
 * <tr><td>12</td><td>probed, no verdict yet</td><td>CHECKING</td><td>checking</td><td>NEUTRAL</td><td>no</td></tr>
 * <tr><td>12½</td><td>a failover balancer (facts from the API and keepalived)</td><td>ACTIVE / STANDBY</td><td>"holds 203.0.113.10 · keepalived MASTER"</td><td>GOOD; WARNING when the API and keepalived disagree or keepalived is in FAULT</td><td>no</td></tr>
 * <tr><td>13</td><td>a local process fact says it exited</td><td>DOWN</td><td>"process exited"</td><td>BAD</td><td>yes</td></tr>
 * <tr><td>14</td><td>a local process fact says it runs</td><td>RUNNING</td><td>running</td><td>GOOD</td><td>no</td></tr>
 * <tr><td>13a</td><td>a DigitalOcean Load Balancer's status fact</td><td>ACTIVE / NEW / ERRORED / UNKNOWN</td><td>"managed · active" …</td><td>GOOD / BUSY / BAD / WARNING</td><td>errored only</td></tr>
 * <tr><td>15</td><td>otherwise (not probed: a database, a balancer)</td><td>the lifecycle word</td><td>not monitored</td><td>NEUTRAL</td><td>no</td></tr>
 * </table>
 *
 * A server the probes watch never shows READY: its badge always comes from the evidence.
 */
public final class ServerLook {
    /** The fact key a local process's state goes under: {@value}, with "running" or "exited". */
    public static final String PROCESS = "process";
    /** Failover facts (see {@link LiveClusterState#setFailover}): the reserved IP, whether the API gives it to this server, keepalived's state. */
    public static final String RESERVED_IP = "reserved IP";
    public static final String HOLDS = "holds reserved IP (API)";
    public static final String KEEPALIVED = "keepalived";
    /**
     * The fact key a DigitalOcean Load Balancer's status goes under ({@value}): {@code active},
     * {@code new}, {@code errored} as the API says, or {@code unknown} when the API did not answer;
     * {@link #MANAGED_DETAIL} says more (its address, the droplets behind it, the API's error).
     */
    public static final String MANAGED_LB = "managed-lb";
    public static final String MANAGED_DETAIL = "managed-lb-detail";
    /** The managed load balancer's public address as the API gives it (absent before it has one). */
    public static final String MANAGED_IP = "managed-lb-ip";

    /** The rows a face shows for a server's facts, in this order: key → words. Keys not here show as they are, last. */
    private static final Map<String, String> FACT_WORDS = factWords();

    private static Map<String, String> factWords() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(RESERVED_IP, "Reserved IP");
        m.put(HOLDS, "Reserved IP routed here");
        m.put(KEEPALIVED, "keepalived state");
        m.put(MANAGED_LB, "DigitalOcean status");
        m.put(MANAGED_IP, "Public address");
        m.put(MANAGED_DETAIL, "Status detail");
        m.put("pid", "Process id");
        m.put("listen", "Listens on");
        m.put("log", "Log file");
        m.put("config", "Configuration");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A fact as a face shows it: its label in words and its value said plainly, e.g. "keepalived state" / "BACKUP: standing by". */
    public record FactRow(String label, String value) {
    }

    /**
     * The facts of {@code s} as rows in words, in a fixed order (the window's inspector): never a
     * raw key such as {@value #HOLDS}. The local process state ({@value #PROCESS}) is left out: the
     * look says it.
     */
    public static List<FactRow> factRows(Map<String, String> facts) {
        List<String> order = new java.util.ArrayList<>(FACT_WORDS.keySet());
        List<FactRow> rows = new java.util.ArrayList<>();
        for (String k : order) {
            if (facts.containsKey(k)) {
                rows.add(new FactRow(FACT_WORDS.get(k), factValue(k, facts.get(k))));
            }
        }
        facts.keySet().stream().filter(k -> !FACT_WORDS.containsKey(k) && !k.equals(PROCESS)).sorted()
                .forEach(k -> rows.add(new FactRow(k, facts.get(k))));
        return rows;
    }

    private static String factValue(String key, String v) {
        if (v == null) {
            return "—";
        }
        if (key.equals(HOLDS)) {
            return "yes".equals(v) ? "yes, says the DigitalOcean API" : "no, says the DigitalOcean API";
        }
        if (key.equals(KEEPALIVED)) {
            return switch (v) {
                case "MASTER" -> "MASTER: claims the reserved IP";
                case "BACKUP" -> "BACKUP: standing by";
                case "FAULT" -> "FAULT: its check of the local balancer fails";
                case "UNKNOWN" -> "UNKNOWN: could not be read over SSH";
                default -> v;
            };
        }
        return v;
    }

    /**
     * Who holds a failover pair's reserved IP, said once for the whole pair (the topology's
     * reserved-IP node, {@code orrery status}): from the same facts as each balancer's look.
     *
     * @param ip     the reserved IP
     * @param holder the balancer the API routes it to, null for none
     * @param look   the pair's look: GOOD when the holder's keepalived agrees, WARNING when not, BAD when nobody holds it
     */
    public record ReservedIp(String ip, String holder, Look look) {
    }

    private ServerLook() {
    }

    public static Look of(ServerLive s, long nowMs) {
        ServerActivity a = s.activity();
        boolean down = s.probed() && s.health() == HealthState.DOWN;
        if (s.lifecycle() == ServerState.FAILED) {
            return new Look("FAILED", "failed", Tone.BAD, false,
                    "The last job on this server failed; it is not in rotation. Delete it or run the job again.");
        }
        if (a != null) {
            String doing = a.kind().doing();
            if (down && (a.mayBeDown() || s.drained())) {
                return new Look(a.kind().badge(), doing + " · " + a.step(), Tone.PLANNED, false,
                        "Stopped on purpose by the running job (" + a.step() + "); it is out of rotation meanwhile.");
            }
            if (down && nowMs < s.settleUntilMs()) {
                return new Look(a.kind().badge(), doing + " · " + a.step(), Tone.PLANNED, false,
                        "The running job just restarted it and saw it up; the probes have not seen it rise yet.");
            }
            if (down) {
                return new Look("DOWN", "down during " + doing + " (not planned)", Tone.BAD, true,
                        "The probes see it down while the job's step (" + a.step() + ") should have left it serving.");
            }
            return new Look(a.kind().badge(), doing + " · " + a.step(), Tone.BUSY, false,
                    "The running job is at step " + a.step() + " on this server.");
        }
        if (s.lifecycle() == ServerState.PROVISIONING) {
            return new Look("PROVISIONING", "provisioning did not finish", Tone.WARNING, false,
                    "The file says provisioning, but no job is working on it: the job was interrupted.");
        }
        if (s.drained()) {
            String h = s.probed() && s.health() != null && s.health() != HealthState.CHECKING ? " · " + s.health().word() : "";
            return new Look("DRAINED", "drained" + h, Tone.PLANNED, false,
                    "Taken out of rotation on purpose: the balancer sends it no new traffic.");
        }
        if (s.lifecycle() == ServerState.STOPPED) {
            return new Look("STOPPED", "stopped", Tone.NEUTRAL, false, "Stopped on purpose.");
        }
        if (s.probed() && s.health() != null) {
            switch (s.health()) {
                case DOWN -> {
                    if (nowMs < s.settleUntilMs()) {
                        return new Look("RESTARTING", "restarting after planned work", Tone.PLANNED, false,
                                "Planned work just restarted it; the probes have not seen it rise yet.");
                    }
                    return new Look("DOWN", "down", Tone.BAD, true, "The health probes fail: " + detail(s));
                }
                case UP -> {
                    if (s.balancer() != null && s.balancer().verdict() && !s.balancer().up()) {
                        return new Look("UP", "up · balancer says down", Tone.WARNING, false,
                                "Orrery's probes pass, but the balancer's own checks say " + s.balancer().status() + ".");
                    }
                    return new Look("UP", "up", Tone.GOOD, false, "The health probes pass: " + detail(s));
                }
                default -> {
                    return new Look("CHECKING", "checking", Tone.NEUTRAL, false, "Waiting for enough probes to decide.");
                }
            }
        }
        if (s.probed()) {
            return new Look("CHECKING", "checking", Tone.NEUTRAL, false, "Waiting for the first probes.");
        }
        if (s.facts().containsKey(HOLDS)) {
            return failover(s.facts().get(RESERVED_IP), "yes".equals(s.facts().get(HOLDS)), s.facts().get(KEEPALIVED));
        }
        String managed = s.facts().get(MANAGED_LB);
        if (managed != null) {
            String detail = s.facts().getOrDefault(MANAGED_DETAIL, "");
            return switch (managed) {
                case "active" -> new Look("ACTIVE", "managed · active", Tone.GOOD, false, "DigitalOcean Load Balancer active: " + detail);
                case "new" -> new Look("NEW", "managed · being built", Tone.BUSY, false,
                        "DigitalOcean is building the load balancer (a few minutes): " + detail);
                case "errored" -> new Look("ERRORED", "managed · errored", Tone.BAD, true,
                        "DigitalOcean reports the load balancer errored: " + detail);
                default -> new Look("UNKNOWN", "managed · status unknown", Tone.WARNING, false,
                        "The DigitalOcean API did not say how the load balancer is: " + detail);
            };
        }
        String process = s.facts().get(PROCESS);
        if ("exited".equals(process)) {
            return new Look("DOWN", "process exited", Tone.BAD, true, "Its process is not running.");
        }
        if ("running".equals(process)) {
            return new Look("RUNNING", "running", Tone.GOOD, false, "Its process is running.");
        }
        return new Look(s.lifecycle().word().toUpperCase(Locale.ROOT), "not monitored", Tone.NEUTRAL, false,
                "Orrery does not probe this server; the badge is what the cluster file records.");
    }

    /** The reserved IP of the failover balancers among {@code servers} and who holds it; empty before anything was read. */
    public static java.util.Optional<ReservedIp> reservedIp(java.util.Collection<ServerLive> servers) {
        java.util.List<ServerLive> pair = servers.stream().filter(s -> s.facts().containsKey(HOLDS)).toList();
        if (pair.isEmpty()) {
            return java.util.Optional.empty();
        }
        String ip = pair.get(0).facts().get(RESERVED_IP);
        java.util.List<ServerLive> holders = pair.stream().filter(s -> "yes".equals(s.facts().get(HOLDS))).toList();
        if (holders.isEmpty()) {
            return java.util.Optional.of(new ReservedIp(ip, null, new Look("NO HOLDER", ip + " → no balancer", Tone.BAD, false,
                    "The API routes the reserved IP to neither balancer: users reach nothing until keepalived's notify script moves it.")));
        }
        ServerLive h = holders.get(0);
        String k = h.facts().getOrDefault(KEEPALIVED, "UNKNOWN");
        boolean agree = "MASTER".equals(k);
        return java.util.Optional.of(new ReservedIp(ip, h.name(), new Look("RESERVED IP", ip + " → " + h.name(), agree ? Tone.GOOD : Tone.WARNING,
                false, agree ? "The API routes " + ip + " to " + h.name() + ", whose keepalived is MASTER."
                : "The API routes " + ip + " to " + h.name() + ", but its keepalived is " + k + ".")));
    }

    private static String detail(ServerLive s) {
        return s.healthDetail() == null ? "no result yet" : s.healthDetail();
    }

    /** A failover balancer: what the API says (who holds the address) against what its keepalived says. */
    private static Look failover(String ip, boolean holds, String keepalived) {
        String k = keepalived == null ? "UNKNOWN" : keepalived;
        if (holds) {
            String word = "holds " + ip + " · keepalived " + k;
            return "MASTER".equals(k)
                    ? new Look("ACTIVE", word, Tone.GOOD, false, "The API routes the reserved IP here and keepalived here is MASTER.")
                    : new Look("ACTIVE", word, Tone.WARNING, false, "The API routes the reserved IP here but keepalived here is " + k
                    + ": the address is moving, or keepalived cannot reach the API to move it.");
        }
        String word = "standby · keepalived " + k;
        return switch (k) {
            case "BACKUP" -> new Look("STANDBY", word, Tone.GOOD, false, "Ready to take the reserved IP " + ip + " if the active balancer fails.");
            case "MASTER" -> new Look("STANDBY", word, Tone.WARNING, false, "keepalived here is MASTER but the API still routes " + ip
                    + " to the other balancer: the move is under way, or the notify script cannot reach the API.");
            case "FAULT" -> new Look("STANDBY", word, Tone.WARNING, false, "Its own balancer fails keepalived's check: it could not take over.");
            default -> new Look("STANDBY", word, Tone.NEUTRAL, false, "keepalived's state here is not known (not set up, or unreadable).");
        };
    }
}
