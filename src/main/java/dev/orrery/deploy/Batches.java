package dev.orrery.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Phase two in batches ({@code --batch k}): the canary alone first, then the other servers k at a
 * time, so a large cluster pays the wait between servers (nginx's {@code fail_timeout}, see
 * {@link PassiveDrain}) once per batch instead of once per server.
 *
 * <p>The minimum-capacity guard: while a batch is out, N−k servers carry all the traffic. Orrery
 * refuses a k that would leave fewer than half the app servers (rounded up, and at least one)
 * serving — a cluster is normally sized with headroom for losing one server, not most of them, and
 * a batch that leaves too few serving turns a deploy into an overload.
 */
final class Batches {
    private Batches() {
    }

    /** The fewest app servers that must keep serving while a batch is out: half, rounded up, at least one. */
    static int minServing(int servers) {
        return Math.max(1, (servers + 1) / 2);
    }

    /** Why {@code k} cannot be used on {@code servers} app servers, or empty when it can. */
    static Optional<String> problem(int servers, int k) {
        if (k < 1) {
            return Optional.of("--batch must be at least 1, not " + k);
        }
        if (k == 1) {
            return Optional.empty();
        }
        int serving = servers - k;
        int min = minServing(servers);
        if (serving < min) {
            int most = Math.max(1, servers - min);
            return Optional.of("--batch " + k + " would leave " + Math.max(0, serving) + " of " + servers + " app servers serving while a batch is out; "
                    + "at least " + min + " (half, rounded up) must keep serving: use --batch " + most + " or less");
        }
        return Optional.empty();
    }

    /**
     * The batches in order: the first server alone (the canary: a bad release stops the rollout
     * having touched one server), then groups of {@code k} in the given order. Throws
     * {@link IllegalArgumentException} when the guard refuses {@code k}.
     */
    static <T> List<List<T>> plan(List<T> servers, int k) {
        problem(servers.size(), k).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        List<List<T>> out = new ArrayList<>();
        if (servers.isEmpty()) {
            return out;
        }
        out.add(List.of(servers.get(0)));
        for (int i = 1; i < servers.size(); i += k) {
            out.add(List.copyOf(servers.subList(i, Math.min(servers.size(), i + k))));
        }
        return out;
    }
}
