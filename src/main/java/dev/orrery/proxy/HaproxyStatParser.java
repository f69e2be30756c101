package dev.orrery.proxy;

import dev.orrery.model.Cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HAProxy's {@code show stat} CSV (header line {@code # pxname,svname,…}). Columns are
 * found by name, not position, so other HAProxy versions' extra columns do not matter. Only the
 * cluster's backend is read, and its FRONTEND/BACKEND summary rows are skipped.
 */
public final class HaproxyStatParser {

    private HaproxyStatParser() {
    }

    public static List<PeerStatus> parse(String csv, Cluster cluster) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# pxname,")) {
            throw new IllegalArgumentException("not HAProxy's show stat CSV: " + (lines.isEmpty() ? "(empty)" : lines.get(0)));
        }
        String[] header = lines.get(0).substring(2).split(",", -1);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i], i);
        }
        List<PeerStatus> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String px = field(f, col, "pxname");
            String sv = field(f, col, "svname");
            if (!px.equals(cluster.name()) || sv.equals("FRONTEND") || sv.equals("BACKEND")) {
                continue;
            }
            String status = field(f, col, "status");
            String check = field(f, col, "check_status");
            String addr = field(f, col, "addr");
            out.add(new PeerStatus(cluster.server(sv).isPresent() ? sv : null, addr, state(status),
                    status + (check.isEmpty() ? "" : ", last check " + check) + ", " + field(f, col, "scur") + " current sessions"));
        }
        return out;
    }

    /** HAProxy's status words: UP, DOWN, "UP 1/2" (going down), "DOWN 1/2" (coming up), DRAIN, MAINT, NOLB, "no check". */
    static PeerState state(String status) {
        if (status.startsWith("MAINT")) {
            return PeerState.MAINT;
        }
        if (status.equals("DRAIN") || status.equals("NOLB")) {
            return PeerState.DRAIN;
        }
        if (status.startsWith("UP")) {
            return PeerState.UP;
        }
        if (status.startsWith("DOWN")) {
            return PeerState.DOWN;
        }
        return PeerState.UNKNOWN;
    }

    private static String field(String[] f, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i != null && i < f.length ? f[i] : "";
    }
}
