package dev.orrery.health;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A prober whose answers the test sets per host:port: healthy, failing, or held (the future
 * stays open until {@link #release} — a probe in flight). Records every target it was asked.
 */
public final class ScriptedProber implements Prober {
    private final Map<String, ProbeResult> answers = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<ProbeResult>>> held = new ConcurrentHashMap<>();
    private final List<URI> asked = java.util.Collections.synchronizedList(new ArrayList<>());

    public void answer(String hostPort, ProbeResult r) {
        answers.put(hostPort, r);
    }

    public void healthy(String hostPort) {
        answer(hostPort, ProbeResult.ok(3.0, 200));
    }

    public void refused(String hostPort) {
        answer(hostPort, ProbeResult.failed(Outcome.REFUSED, 0.5, "connection refused"));
    }

    /** Probes to this target stay in flight until released. */
    public void hold(String hostPort) {
        answers.remove(hostPort);
        held.putIfAbsent(hostPort, java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    public void release(String hostPort, ProbeResult r) {
        List<CompletableFuture<ProbeResult>> list = held.remove(hostPort);
        answers.put(hostPort, r);
        if (list != null) {
            new ArrayList<>(list).forEach(f -> f.complete(r));
        }
    }

    public List<URI> asked() {
        return List.copyOf(asked);
    }

    @Override
    public CompletableFuture<ProbeResult> probe(URI target, int timeoutMs) {
        asked.add(target);
        String key = target.getHost() + ":" + target.getPort();
        List<CompletableFuture<ProbeResult>> h = held.get(key);
        if (h != null) {
            CompletableFuture<ProbeResult> f = new CompletableFuture<>();
            h.add(f);
            return f;
        }
        ProbeResult r = answers.getOrDefault(key, ProbeResult.failed(Outcome.REFUSED, 0.1, "nothing scripted"));
        return CompletableFuture.completedFuture(r);
    }
}
