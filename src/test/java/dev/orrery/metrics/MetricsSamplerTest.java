package dev.orrery.metrics;

import dev.orrery.health.ManualProbeClock;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class MetricsSamplerTest {

    /** A host that answers each command with the next capture, counting the commands. */
    static final class ScriptedHost implements Host {
        final List<List<String>> answers;
        final AtomicInteger calls = new AtomicInteger();
        volatile RemoteException failure;

        ScriptedHost(List<List<String>> answers) {
            this.answers = answers;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public ExecResult exec(Command command, LineListener output) throws RemoteException {
            if (failure != null) {
                throw failure;
            }
            List<String> lines = answers.get(Math.min(calls.getAndIncrement(), answers.size() - 1));
            lines.forEach(output::line);
            return new ExecResult(0, List.of());
        }

        @Override
        public void upload(Path local, String remotePath, UploadListener progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] content, String remotePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eachServerIsSampledOncePerIntervalAndRatesStartWithTheSecondSample() {
        ManualProbeClock clock = new ManualProbeClock(0);
        Executor inline = Runnable::run;
        MetricsSampler sampler = new MetricsSampler(clock, inline, 10_000);
        ScriptedHost host = new ScriptedHost(List.of(Captures.lines("ubuntu2204/app-1.txt"), Captures.lines("ubuntu2204/app-2.txt")));
        List<Sample> got = new CopyOnWriteArrayList<>();
        sampler.addListener(got::add);
        sampler.setTargets(List.of(new SampleTarget("app-1", host, SampleCommand.system(), Sample.Source.SSH)));
        sampler.start();
        clock.advance(25_000);
        assertThat(host.calls.get()).isEqualTo(3); // at 0, 10 and 20 s
        assertThat(got).hasSize(3);
        assertThat(got.get(0).get(Metric.CPU)).isNaN();
        assertThat(got.get(1).get(Metric.CPU)).isCloseTo(75.8, within(1e-9));
        assertThat(got.get(1).timeMs()).isEqualTo(10_000);
        assertThat(sampler.status()).singleElement().satisfies(s -> {
            assertThat(s.failing()).isFalse();
            assertThat(s.samples()).isEqualTo(3);
        });
        sampler.stop();
        clock.advance(60_000);
        assertThat(host.calls.get()).isEqualTo(3);
    }

    @Test
    void aSlowServerIsSkippedNotQueuedAndAFailingOneSaysWhy() {
        ManualProbeClock clock = new ManualProbeClock(0);
        List<Runnable> parked = new ArrayList<>();
        Executor parking = parked::add; // nothing runs until the test says so: a sample that hangs
        MetricsSampler sampler = new MetricsSampler(clock, parking, 10_000);
        ScriptedHost host = new ScriptedHost(List.of(Captures.lines("debian12/system-1.txt")));
        sampler.setTargets(List.of(new SampleTarget("lb-1", host, SampleCommand.system(), Sample.Source.SSH)));
        sampler.start();
        clock.advance(45_000);
        assertThat(parked).hasSize(1); // one in flight; the ticks at 10, 20, 30, 40 s were skipped
        assertThat(sampler.status().get(0).skipped()).isEqualTo(4);
        parked.get(0).run();
        host.failure = new RemoteException("lb-1", "the connection was lost", null);
        clock.advance(10_000);
        parked.get(1).run();
        assertThat(sampler.status().get(0).error()).contains("the connection was lost");
        assertThat(sampler.status().get(0).lastSampleMs()).isEqualTo(45_000);
    }

    @Test
    void thisMachineSampledForRealThroughTheShell() {
        ManualProbeClock clock = new ManualProbeClock(0);
        MetricsSampler real = new MetricsSampler(clock, Runnable::run, 1_000);
        List<Sample> got = new CopyOnWriteArrayList<>();
        real.addListener(got::add);
        real.setTargets(List.of(new SampleTarget("local", new LocalHost("local"), SampleCommand.system(), Sample.Source.LOCAL)));
        real.start();
        clock.advance(0);
        // the kernel's clock must move between the two readings for rates: wait for uptime to change
        await().until(() -> {
            clock.advance(1_000);
            return got.size() >= 2 && !Double.isNaN(got.get(got.size() - 1).get(Metric.CPU));
        });
        Sample s = got.get(got.size() - 1);
        assertThat(s.get(Metric.CPU)).isBetween(0.0, 100.0);
        assertThat(s.get(Metric.MEM_TOTAL)).isGreaterThan(0);
        assertThat(s.get(Metric.DISK)).isBetween(0.0, 100.0);
        assertThat(s.get(Metric.CPUS)).isGreaterThanOrEqualTo(1);
        assertThat(real.status()).singleElement().satisfies(st -> assertThat(st.failing()).isFalse());
    }
}
