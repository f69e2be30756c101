package dev.orrery.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.orrery.health.ManualProbeClock;
import dev.orrery.model.AlertKind;
import dev.orrery.model.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook posts over real HTTP (a receiver on loopback): retries with backoff, order kept, failures shown. */
class WebhookSenderTest {
    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final Deque<int[]> script = new ConcurrentLinkedDeque<>(); // {status, retryAfterSeconds}
    String url;

    @BeforeEach
    void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook/secret-token", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int[] answer = script.isEmpty() ? new int[] {200, -1} : script.poll();
            if (answer[1] >= 0) {
                ex.getResponseHeaders().add("Retry-After", String.valueOf(answer[1]));
            }
            ex.sendResponseHeaders(answer[0], -1);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/secret-token";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static AlertEvent event(boolean firing, long at) {
        return new AlertEvent("crater", "cpu", AlertKind.CPU, "app-1", firing, at, 1_000, 97.04, 90,
                firing ? "app-1: CPU over 90% for 5 min (CPU 97.0%)" : "app-1: CPU back under 90% (CPU 40.0%)", false);
    }

    WebhookSender sender(Webhook.Format format, ManualProbeClock clock, String stored) {
        return new WebhookSender(new Webhook("ops", format), () -> Optional.ofNullable(stored), WebhookSender.http(), clock, Runnable::run);
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndTheResolvedMessageWaitsItsTurn() throws Exception {
        ManualProbeClock clock = new ManualProbeClock(0);
        WebhookSender s = sender(Webhook.Format.JSON, clock, url);
        List<WebhookSender.Outcome> outcomes = new ArrayList<>();
        s.addListener(outcomes::add);
        script.add(new int[] {500, -1});
        script.add(new int[] {502, -1});
        script.add(new int[] {503, -1});
        s.send(event(true, 1_000));
        s.send(event(false, 2_000));
        assertThat(bodies).hasSize(1);
        assertThat(s.status().failing()).isTrue();
        assertThat(s.status().lastError()).isEqualTo("HTTP 500").doesNotContain("secret-token");
        assertThat(s.status().queued()).isEqualTo(2);
        clock.advance(999);
        assertThat(bodies).hasSize(1);
        clock.advance(1);            // 1 s after the first attempt
        assertThat(bodies).hasSize(2);
        clock.advance(2_000);        // then 2 s
        assertThat(bodies).hasSize(3);
        clock.advance(3_999);
        assertThat(bodies).hasSize(3);
        clock.advance(1);            // then 4 s: delivered, and the resolved message right after it
        assertThat(bodies).hasSize(5);
        ObjectMapper m = new ObjectMapper();
        JsonNode firing = m.readTree(bodies.get(3));
        JsonNode resolved = m.readTree(bodies.get(4));
        assertThat(firing.get("status").asText()).isEqualTo("firing");
        assertThat(firing.get("server").asText()).isEqualTo("app-1");
        assertThat(firing.get("value").asDouble()).isEqualTo(97.0);
        assertThat(firing.get("endsAt").isNull()).isTrue();
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("id").asText()).isEqualTo(firing.get("id").asText());
        assertThat(s.status().failing()).isFalse();
        assertThat(s.status().delivered()).isEqualTo(2);
        assertThat(outcomes).extracting(WebhookSender.Outcome::ok).containsExactly(false, false, false, true, true);
    }

    @Test
    void retryAfterIsHonouredAndARefusalIsNotRetried() {
        ManualProbeClock clock = new ManualProbeClock(0);
        WebhookSender s = sender(Webhook.Format.SLACK, clock, url);
        script.add(new int[] {429, 30});
        script.add(new int[] {404, -1});
        s.send(event(true, 1_000));
        clock.advance(29_999);
        assertThat(bodies).hasSize(1);
        clock.advance(1);
        assertThat(bodies).hasSize(2);
        assertThat(s.status().lastError()).contains("HTTP 404").contains("dropped");
        assertThat(s.status().dropped()).isEqualTo(1);
        assertThat(s.status().queued()).isZero();
        assertThat(bodies.get(0)).startsWith("{\"text\":\":rotating_light: FIRING [crater] app-1: CPU over 90% for 5 min (CPU 97.0%)\"}");
        // the next message goes through and clears the failure
        s.send(event(false, 5_000));
        assertThat(s.status().failing()).isFalse();
        assertThat(bodies.get(2)).contains("RESOLVED").contains("after 4 s");
    }

    @Test
    void aReceiverThatIsNotThereAndAMissingUrlShowAsFailing() {
        ManualProbeClock clock = new ManualProbeClock(0);
        server.stop(0);
        WebhookSender gone = sender(Webhook.Format.JSON, clock, url);
        gone.send(event(true, 1_000));
        assertThat(gone.status().failing()).isTrue();
        assertThat(gone.status().lastError()).contains("ConnectException").doesNotContain("secret-token");
        assertThat(gone.status().nextRetryMs()).isEqualTo(1_000);

        WebhookSender none = sender(Webhook.Format.JSON, clock, null);
        none.send(event(true, 1_000));
        assertThat(none.status().lastError()).contains("no URL is stored for webhook ops");
    }

    @Test
    void sendingNeverWaitsOnTheNetwork() throws Exception {
        ManualProbeClock clock = new ManualProbeClock(0);
        List<Runnable> io = new ArrayList<>();
        WebhookSender s = new WebhookSender(new Webhook("ops", Webhook.Format.JSON), () -> Optional.of(url), WebhookSender.http(), clock, io::add);
        for (int i = 0; i < 100; i++) {
            s.send(event(i % 2 == 0, i));
        }
        assertThat(bodies).isEmpty(); // nothing was posted on this thread
        assertThat(io).hasSize(1);     // one post in flight at a time
        assertThat(s.status().queued()).isEqualTo(100);
        io.get(0).run();
        assertThat(bodies).hasSize(1);
        assertThat(io).hasSize(2); // the next message is handed to io, not sent here
    }
}
