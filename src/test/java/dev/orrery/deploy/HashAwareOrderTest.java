package dev.orrery.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HashAwareOrderTest {
    private static final List<String> APPS = List.of("app-1", "app-2", "app-3");

    /** The first client address (of 10.X.Y.9) whose preference in 3 peers is primary {@code p} then {@code q}. */
    static String clientPreferring(int p, int q) {
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 256; y++) {
                String a = "10." + x + "." + y + ".9";
                byte[] b = IpHash.ipv4(a);
                if (IpHash.pick(b, 3, Set.of()) == p && IpHash.pick(b, 3, Set.of(p)) == q) {
                    return a;
                }
            }
        }
        throw new AssertionError();
    }

    @Test
    void displacedClientsLandOnServersAlreadyDone() {
        // clients of app-1 fall back to app-2, clients of app-2 to app-3: in the file's order each is moved twice
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(clientPreferring(0, 1));
            clients.add(clientPreferring(1, 2));
        }
        HashAwareOrder.Plan plan = HashAwareOrder.plan(APPS, Set.of(), APPS, clients, 1);
        assertThat(plan.fileOrderCost()).isEqualTo(new HashAwareOrder.Cost(10, 10, 20, 2));
        assertThat(plan.order()).containsExactly("app-3", "app-2", "app-1");
        assertThat(plan.cost()).isEqualTo(new HashAwareOrder.Cost(10, 0, 10, 1));
    }

    @Test
    void aCycleCannotBeBrokenSoTheSmallerGroupPays() {
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(clientPreferring(0, 1));
        }
        clients.add(clientPreferring(1, 0));
        HashAwareOrder.Plan plan = HashAwareOrder.plan(APPS, Set.of(), APPS, clients, 1);
        assertThat(plan.cost().movedTwice()).isEqualTo(1);
        assertThat(plan.order().indexOf("app-2")).isLessThan(plan.order().indexOf("app-1"));
    }

    @Test
    void withoutClientsOrIpv4TheFileOrderStays() {
        assertThat(HashAwareOrder.plan(APPS, Set.of(), APPS, List.of(), 1).order()).isEqualTo(APPS);
        assertThat(HashAwareOrder.plan(APPS, Set.of(), APPS, List.of("2001:db8::1", "garbage"), 1).order()).isEqualTo(APPS);
    }

    @Test
    void aDrainedPeerNeverTakesClientsAndBatchesAreSimulated() {
        List<String> clients = List.of(clientPreferring(0, 1), clientPreferring(1, 2));
        // app-2 drained (down): the first client sits on app-1 and falls back past app-2 to app-3; the
        // second sits on its fallback app-3 and goes to app-1 when app-3 stops: a cycle, one pays twice
        HashAwareOrder.Plan plan = HashAwareOrder.plan(APPS, Set.of("app-2"), APPS, clients, 1);
        assertThat(plan.cost()).isEqualTo(new HashAwareOrder.Cost(2, 1, 3, 2));
        // without the drain, app-3 first, then app-2, then app-1: each client moved once
        assertThat(HashAwareOrder.plan(APPS, Set.of(), APPS, clients, 1).cost()).isEqualTo(new HashAwareOrder.Cost(2, 0, 2, 1));
        HashAwareOrder.Plan batched = HashAwareOrder.plan(APPS, Set.of(), List.of("app-1", "app-2", "app-3", "app-4"),
                clients, 2);
        assertThat(batched.order()).hasSize(4).containsExactlyInAnyOrder("app-1", "app-2", "app-3", "app-4");
    }

    @Test
    void largeClustersUseTheGreedyOrderOnlyWhenItIsBetter() {
        List<String> apps = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            apps.add("app-" + i);
        }
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            clients.add("10." + (i % 200) + "." + (i * 7 % 256) + ".1");
        }
        HashAwareOrder.Plan plan = HashAwareOrder.plan(apps, Set.of(), apps, clients, 1);
        assertThat(plan.order()).containsExactlyInAnyOrderElementsOf(apps);
        assertThat(plan.cost().compareTo(plan.fileOrderCost())).isLessThanOrEqualTo(0);
        assertThat(plan.cost().clients()).isEqualTo(400);
    }

    @Test
    void ssLinesGiveThePeerAddresses() {
        assertThat(BalancerClients.parse(List.of(
                "0      0      198.18.3.13:80     198.18.3.1:40112",
                "0      0      [::ffff:198.18.3.13]:443   [::ffff:198.51.100.7]:5123",
                "0      0      [2001:db8::1]:80   [2001:db8::9]:5000",
                "junk"))).containsExactly("198.18.3.1", "198.51.100.7", "2001:db8::9");
        assertThat(BalancerClients.command(80, 443).line()).isEqualTo("ss -Htn state established '( sport = :80 or sport = :443 )'");
    }
}
