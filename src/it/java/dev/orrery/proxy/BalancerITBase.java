package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Stickiness;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The same integration tests for nginx and HAProxy: a real balancer on a test host, real app processes on others. */
abstract class BalancerITBase {

    static BalancerRig rig;

    abstract Stickiness stickiness();

    static void startRig(BalancerKind kind) throws Exception {
        rig = new BalancerRig(kind, 3, 6);
    }

    @AfterAll
    static void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    ProxyConfig push(Cluster c) throws Exception {
        return new ProxyPush(rig.balancer, rig.layout).push(c, Progress.NONE);
    }

    @Test
    void aPushGoesLiveAndCarriesWebSocketsAndForwardedHeaders() throws Exception {
        ProxyConfig live = push(rig.cluster(stickiness()));
        RawHttp.Response r = rig.get(rig.clients.get(0), "/hello");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.server()).matches("app-[123]");
        assertThat(r.headers().get("x-seen-forwarded-for")).isEqualTo(rig.clients.get(0));
        assertThat(r.headers().get("x-seen-forwarded-proto")).isEqualTo("http");
        assertThat(rig.balancer.exec(BalancerCommands.localGet(rig.layout, 80, ProxyConfig.STATUS_PATH),
                dev.orrery.remote.LineListener.IGNORE).output()).contains(live.statusBody());
        try (RawHttp ws = new RawHttp(rig.clients.get(0), rig.balancerAddress(), 80, 10_000)) {
            assertThat(ws.webSocketEcho("/websocket", "ping-ddp")).matches("hello app-[123] 1\\|app-[123] ping-ddp");
        }
    }

    @Test
    void aBrokenPushLeavesTheOldConfigurationServingWhileRequestsKeepSucceeding() throws Exception {
        ProxyConfig good = push(rig.cluster(stickiness()));
        ProxyConfig rendered = ProxyRenderer.render(rig.cluster(Stickiness.NONE), rig.layout, BalancerFeatures.STOCK);
        // A configuration the renderer would never write: simulates a bad template or a hand edit.
        ProxyConfig broken = new ProxyConfig(rendered.kind(), rendered.text() + "\nthis is not a directive\n", rendered.fingerprint());

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> {
            long end = System.nanoTime() + 60_000_000_000L;
            for (int i = 0; i < 5_000 && running.get() && System.nanoTime() < end; i++) {
                try {
                    RawHttp.Response r = rig.get(rig.clients.get(i % rig.clients.size()), "/during-push");
                    if (r.status() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failures.add("status " + r.status());
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
            }
        });
        load.start();
        try {
            dev.orrery.it.Wait.until("load running", () -> ok.get() > 20);
            ProxyPushException e = catchThrowableOfType(ProxyPushException.class,
                    () -> new ProxyPush(rig.balancer, rig.layout).push(broken, 80, Progress.NONE));
            assertThat(e.stage()).isEqualTo("validation");
            assertThat(e.getMessage()).contains(rig.layout.candidatePath());  // the validator's own words name the file and line
            int before = ok.get();
            dev.orrery.it.Wait.until("more requests after the failed push", () -> ok.get() > before + 20);
        } finally {
            running.set(false);
            load.join(70_000);
        }
        assertThat(failures).isEmpty();
        assertThat(rig.balancer.exec(BalancerCommands.localGet(rig.layout, 80, ProxyConfig.STATUS_PATH),
                dev.orrery.remote.LineListener.IGNORE).output()).contains(good.statusBody());
    }

    @Test
    void eachClientSticksToOneAppServerAcross100Requests() throws Exception {
        push(rig.cluster(stickiness()));
        Set<String> used = new HashSet<>();
        for (String client : rig.clients) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                RawHttp.Response r = rig.get(client, "/sticky/" + i);
                assertThat(r.status()).isEqualTo(200);
                seen.add(r.server());
            }
            assertThat(seen).as("servers seen by client %s", client).hasSize(1);
            used.addAll(seen);
        }
        System.out.println(getClass().getSimpleName() + ": " + rig.clients.size() + " clients spread over " + used);
    }

    @Test
    void aDrainedServerGetsNoNewRequests() throws Exception {
        Cluster c = rig.cluster(Stickiness.NONE);
        push(c);
        Set<String> before = serversSeen(60);
        assertThat(before).contains("app-1", "app-2", "app-3");

        Cluster drained = new ProxyDrain(rig.balancer, rig.layout).drain(c, "app-2", Progress.NONE);
        assertThat(serversSeen(90)).containsOnly("app-1", "app-3");

        new ProxyDrain(rig.balancer, rig.layout).undrain(drained, "app-2", Progress.NONE);
        dev.orrery.it.Wait.until("app-2 back in rotation", () -> {
            try {
                return serversSeen(9).contains("app-2");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static Set<String> serversSeen(int requests) throws IOException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            RawHttp.Response r = rig.get(rig.clients.get(i % rig.clients.size()), "/drain/" + i);
            assertThat(r.status()).isEqualTo(200);
            seen.add(r.server());
        }
        return new HashSet<>(seen);
    }
}
