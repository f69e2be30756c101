package dev.orrery.metrics;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeAgent;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.health.ManualProbeClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Droplets with do-agent read from the Monitoring API (the project's fake, held to the spec). */
class DigitalOceanSourceTest {

    @Test
    void agentMetricsBecomeSamplesLabelledAsSuchAndDropletsWithoutAnAgentGoBackToSsh() throws Exception {
        try (FakeApiFixture api = new FakeApiFixture()) {
            FakeDroplet withAgent = api.fake.droplet("app-1", List.of());
            withAgent.agent(new FakeAgent(2, 0.62, 0.04, 2_000_000_000L, 500_000_000L, 50_000_000_000L, 5_000_000_000L, 1.25, 8));
            FakeDroplet bare = api.fake.droplet("app-2", List.of());
            ManualProbeClock clock = new ManualProbeClock(FakeApiFixture.NOW.toEpochMilli());
            DigitalOceanSource source = new DigitalOceanSource(api::client, clock, Runnable::run, 300_000);
            source.setDroplets(List.of(new DigitalOceanSource.Droplet("app-1", withAgent.id()), new DigitalOceanSource.Droplet("app-2", bare.id())));
            List<Sample> got = new ArrayList<>();
            List<String> noAgent = new ArrayList<>();
            source.addListener(got::add);
            source.onNoAgent(noAgent::add);
            source.start();
            clock.advance(0);

            assertThat(got).hasSize(15); // the last quarter hour, one a minute
            Sample s = got.get(got.size() - 1);
            assertThat(s.server()).isEqualTo("app-1");
            assertThat(s.source()).isEqualTo(Sample.Source.DIGITALOCEAN);
            assertThat(s.source().words()).contains("do-agent");
            assertThat(s.timeMs()).isEqualTo(FakeApiFixture.NOW.toEpochMilli());
            assertThat(s.get(Metric.CPU)).isCloseTo(62, within(0.1));
            assertThat(s.get(Metric.STEAL)).isCloseTo(4, within(0.1));
            assertThat(s.memoryPercent()).isCloseTo(75, within(0.001));
            assertThat(s.get(Metric.DISK)).isCloseTo(90, within(0.001));
            assertThat(s.get(Metric.LOAD1)).isEqualTo(1.25);
            assertThat(s.get(Metric.NET_RX)).isEqualTo(1_000_000); // 8 Mbit/s
            assertThat(s.get(Metric.APP_CPU)).isNaN(); // the agent does not know the app
            assertThat(noAgent).containsExactly("app-2");
            assertThat(source.status()).filteredOn(st -> st.server().equals("app-2")).singleElement()
                    .satisfies(st -> assertThat(st.error()).contains("do-agent"));

            // five minutes on: only the new points
            clock.advance(300_000);
            assertThat(got).hasSize(20);
            assertThat(got.get(19).timeMs()).isEqualTo(FakeApiFixture.NOW.toEpochMilli() + 300_000);
            // every call named the droplet and a window, as the spec requires
            assertThat(api.fake.requests()).filteredOn(r -> r.contains("/monitoring/")).allMatch(r -> r.startsWith("GET /v2/monitoring/metrics/droplet/"));
        }
    }
}
