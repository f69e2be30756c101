package dev.orrery.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the rollout order behind nginx's {@code ip_hash} so WebSocket clients (Meteor's DDP) are
 * bounced as little as possible. Pure: it takes the upstream's peers, the clients' addresses and
 * the order the cluster file gives, and returns an order; {@link Rollout} runs it.
 *
 * <p>Why order matters: a WebSocket stays where it is until its server stops. When server P stops,
 * its clients reconnect and land on their next choice Q ({@link IpHash}); when P is back they stay
 * on Q. If Q is rolled after P they are bounced a second time. If Q was rolled before P, they land
 * on a server that is already done and are moved once. So a client is moved once exactly when its
 * fallback server precedes its own server in the order. Clients of the very first server always
 * land on a server not yet done, so the best order puts first a server with few clients.
 *
 * <p>The order is simulated batch by batch ({@link Batches}: the canary alone, then k at a time,
 * each batch back in rotation before the next, as {@link PassiveDrain} waits out nginx's
 * fail_timeout). Up to {@value #EXHAUSTIVE} servers every order is tried; beyond, a greedy order
 * (each next server the one whose step moves the fewest clients) competes with the file's order.
 * Ties keep the file's order, so without clients nothing changes.
 */
final class HashAwareOrder {
    /** Up to this many servers every order is simulated (8! = 40,320). */
    static final int EXHAUSTIVE = 8;

    private HashAwareOrder() {
    }

    /**
     * The predicted cost of one order.
     *
     * @param clients      client connections counted (IPv4 ones; others cannot be predicted)
     * @param movedTwice   of them, moved more than once
     * @param moves        reconnects in all
     * @param maxMoves     the most any one client is moved
     */
    record Cost(int clients, int movedTwice, int moves, int maxMoves) implements Comparable<Cost> {
        @Override
        public int compareTo(Cost o) {
            int c = Integer.compare(movedTwice, o.movedTwice);
            if (c == 0) {
                c = Integer.compare(moves, o.moves);
            }
            return c != 0 ? c : Integer.compare(maxMoves, o.maxMoves);
        }

        String describe() {
            return movedTwice + " of " + clients + " client connections moved more than once, " + moves + " reconnects, at most " + maxMoves + " per client";
        }
    }

    /** The order chosen, its predicted cost, and the cost of the file's order. */
    record Plan(List<String> order, Cost cost, Cost fileOrderCost) {
        boolean changed(List<String> fileOrder) {
            return !order.equals(fileOrder);
        }
    }

    /**
     * @param peers     the upstream block's servers, in its order (the rendered order)
     * @param down      peers marked {@code down} (drained): never chosen by nginx
     * @param rollout   the servers to roll, in the file's order (may include servers not in {@code peers})
     * @param clients   the clients' addresses, one per open connection (non-IPv4 ones are ignored)
     * @param batch     servers switched at once after the canary (1: one by one)
     */
    static Plan plan(List<String> peers, Set<String> down, List<String> rollout, List<String> clients, int batch) {
        Map<Key, Integer> groups = groups(clients);
        Sim sim = new Sim(peers, down, groups, batch);
        Cost fileCost = sim.cost(rollout);
        List<String> best = rollout;
        Cost bestCost = fileCost;
        if (groups.isEmpty()) {
            return new Plan(rollout, fileCost, fileCost);
        }
        if (rollout.size() <= EXHAUSTIVE) {
            for (List<String> p : permutations(rollout)) {
                Cost c = sim.cost(p);
                if (c.compareTo(bestCost) < 0) {
                    best = p;
                    bestCost = c;
                }
            }
        } else {
            List<String> greedy = sim.greedy(rollout);
            Cost c = sim.cost(greedy);
            if (c.compareTo(bestCost) < 0) {
                best = greedy;
                bestCost = c;
            }
        }
        return new Plan(List.copyOf(best), bestCost, fileCost);
    }

    /** Clients grouped by the three octets nginx hashes (the fourth is kept only to count). */
    private record Key(byte a, byte b, byte c) {
        byte[] bytes() {
            return new byte[] {a, b, c};
        }
    }

    private static Map<Key, Integer> groups(List<String> clients) {
        Map<Key, Integer> out = new LinkedHashMap<>();
        for (String c : clients) {
            byte[] v4 = IpHash.ipv4(c);
            if (v4 != null) {
                out.merge(new Key(v4[0], v4[1], v4[2]), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Every order of {@code items}, the given one first (lexicographic by position). */
    static List<List<String>> permutations(List<String> items) {
        List<List<String>> out = new ArrayList<>();
        permute(new ArrayList<>(items), 0, out);
        out.sort((x, y) -> {
            for (int i = 0; i < x.size(); i++) {
                int c = Integer.compare(items.indexOf(x.get(i)), items.indexOf(y.get(i)));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return out;
    }

    private static void permute(List<String> a, int k, List<List<String>> out) {
        if (k == a.size()) {
            out.add(List.copyOf(a));
            return;
        }
        for (int i = k; i < a.size(); i++) {
            java.util.Collections.swap(a, k, i);
            permute(a, k + 1, out);
            java.util.Collections.swap(a, k, i);
        }
    }

    /** Where each client group sits as batches go out and come back. */
    private static final class Sim {
        private final List<String> peers;
        private final Set<Integer> down = new HashSet<>();
        private final Map<Key, Integer> groups;
        private final int batch;
        private final Map<Set<Integer>, Map<Key, Integer>> picks = new HashMap<>();

        Sim(List<String> peers, Set<String> down, Map<Key, Integer> groups, int batch) {
            this.peers = peers;
            for (String d : down) {
                int i = peers.indexOf(d);
                if (i >= 0) {
                    this.down.add(i);
                }
            }
            this.groups = groups;
            this.batch = batch;
        }

        private int pick(Key k, Set<Integer> out) {
            return picks.computeIfAbsent(out, o -> new HashMap<>()).computeIfAbsent(k, g -> IpHash.pick(g.bytes(), peers.size(), out));
        }

        private Set<Integer> unavailable(List<String> batchOut) {
            Set<Integer> out = new HashSet<>(down);
            for (String s : batchOut) {
                int i = peers.indexOf(s);
                if (i >= 0) {
                    out.add(i);
                }
            }
            return out;
        }

        Cost cost(List<String> order) {
            Map<Key, Integer> at = new HashMap<>();
            Map<Key, Integer> moved = new HashMap<>();
            for (Key k : groups.keySet()) {
                at.put(k, pick(k, down));
                moved.put(k, 0);
            }
            for (List<String> b : Batches.plan(order, batch)) {
                step(b, at, moved);
            }
            return total(moved);
        }

        /** Batch {@code b} goes out: its clients reconnect to where nginx sends them meanwhile. */
        private int step(List<String> b, Map<Key, Integer> at, Map<Key, Integer> moved) {
            Set<Integer> out = unavailable(b);
            int moves = 0;
            for (Key k : groups.keySet()) {
                int now = at.get(k);
                if (now >= 0 && out.contains(now) && !down.contains(now)) {
                    at.put(k, pick(k, out));
                    moved.merge(k, 1, Integer::sum);
                    moves += groups.get(k);
                }
            }
            return moves;
        }

        private Cost total(Map<Key, Integer> moved) {
            int clients = 0;
            int twice = 0;
            int moves = 0;
            int max = 0;
            for (var e : groups.entrySet()) {
                int n = e.getValue();
                int m = moved.get(e.getKey());
                clients += n;
                moves += n * m;
                if (m > 1) {
                    twice += n;
                }
                max = Math.max(max, m);
            }
            return new Cost(clients, twice, moves, max);
        }

        /** One server at a time, each the one whose stop moves the fewest clients now (ties: file order). */
        List<String> greedy(List<String> rollout) {
            Map<Key, Integer> at = new HashMap<>();
            Map<Key, Integer> moved = new HashMap<>();
            for (Key k : groups.keySet()) {
                at.put(k, pick(k, down));
                moved.put(k, 0);
            }
            List<String> left = new ArrayList<>(rollout);
            List<String> order = new ArrayList<>();
            while (!left.isEmpty()) {
                String best = null;
                int bestMoves = Integer.MAX_VALUE;
                for (String s : left) {
                    int m = step(List.of(s), new HashMap<>(at), new HashMap<>(moved));
                    if (m < bestMoves) {
                        best = s;
                        bestMoves = m;
                    }
                }
                step(List.of(best), at, moved);
                order.add(best);
                left.remove(best);
            }
            return order;
        }
    }
}
