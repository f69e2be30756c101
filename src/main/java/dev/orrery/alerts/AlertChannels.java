package dev.orrery.alerts;

import dev.orrery.model.Webhook;
import dev.orrery.store.history.HistoryWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where a cluster's alerts go: the history, the desktop (whoever shows notifications registers
 * with {@link #addDesktop}: the window) and each webhook, each through its own
 * {@link WebhookSender} queue. {@link #deliver} never waits on anything.
 */
public final class AlertChannels {
    private final AlertHistory history;
    private final HistoryWriter writer;
    private final Function<Webhook, WebhookSender> senders;
    private final List<Consumer<AlertEvent>> desktop = new CopyOnWriteArrayList<>();
    private final Map<String, WebhookSender> webhooks = new LinkedHashMap<>();
    private final LongClock clock;

    /** Milliseconds now (the history's delivery times). */
    @FunctionalInterface
    public interface LongClock {
        long now();
    }

    public AlertChannels(AlertHistory history, HistoryWriter writer, Function<Webhook, WebhookSender> senders, LongClock clock) {
        this.history = history;
        this.writer = writer;
        this.senders = senders;
        this.clock = clock;
    }

    /** A desktop notification shower (the window); called on the thread that raised the alert: it must only enqueue. */
    public void addDesktop(Consumer<AlertEvent> shower) {
        desktop.add(shower);
    }

    public void removeDesktop(Consumer<AlertEvent> shower) {
        desktop.remove(shower);
    }

    public boolean hasDesktop() {
        return !desktop.isEmpty();
    }

    /** The cluster's webhooks now: new ones get a sender, removed ones are closed, others keep their queue. */
    public synchronized void setWebhooks(List<Webhook> next) {
        Map<String, WebhookSender> keep = new LinkedHashMap<>();
        for (Webhook w : next) {
            WebhookSender s = webhooks.get(w.name());
            if (s == null || s.status().format() != w.format()) {
                if (s != null) {
                    s.close();
                }
                s = senders.apply(w);
                s.addListener(o -> writer.submit(history.delivery(o.event(), "webhook " + o.webhook(), clock.now(), o.ok(), o.attempt(), o.detail())));
            }
            keep.put(w.name(), s);
        }
        webhooks.forEach((name, s) -> {
            if (!keep.containsKey(name)) {
                s.close();
            }
        });
        webhooks.clear();
        webhooks.putAll(keep);
    }

    /** Records the message and hands it to every channel. */
    public void deliver(AlertEvent e) {
        writer.submit(history.record(e)); // test messages too (marked): the history shows they were delivered
        for (Consumer<AlertEvent> d : desktop) {
            d.accept(e);
            writer.submit(history.delivery(e, "desktop", clock.now(), true, 1, "shown"));
        }
        List<WebhookSender> all;
        synchronized (this) {
            all = new ArrayList<>(webhooks.values());
        }
        all.forEach(s -> s.send(e));
    }

    /**
     * Sends {@code test} to every webhook (and the desktop) and completes with each webhook's first
     * outcome: for {@code orrery alerts test} and the window's Test button.
     */
    public CompletableFuture<List<WebhookSender.Outcome>> test(AlertEvent test) {
        List<CompletableFuture<WebhookSender.Outcome>> each = new ArrayList<>();
        List<WebhookSender> all;
        synchronized (this) {
            all = new ArrayList<>(webhooks.values());
        }
        for (WebhookSender s : all) {
            CompletableFuture<WebhookSender.Outcome> f = new CompletableFuture<>();
            Consumer<WebhookSender.Outcome> first = o -> {
                if (o.event() == test) {
                    f.complete(o);
                }
            };
            s.addListener(first);
            f.whenComplete((o, e) -> s.removeListener(first));
            each.add(f);
        }
        deliver(test);
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    }

    public synchronized List<WebhookSender.Status> webhookStatus() {
        return webhooks.values().stream().map(WebhookSender::status).toList();
    }

    public synchronized void close() {
        webhooks.values().forEach(WebhookSender::close);
        webhooks.clear();
    }
}
