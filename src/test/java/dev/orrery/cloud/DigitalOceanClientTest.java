package dev.orrery.cloud;

import dev.orrery.cloud.fake.FakeDigitalOcean;
import dev.orrery.cloud.fake.Fault;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the fake API: the happy paths, and each way a call can go wrong. */
class DigitalOceanClientTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final FakeDigitalOcean fake = f.fake;

    DigitalOceanClientTest() throws IOException {
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private DropletRequest request(String name) {
        return new DropletRequest(name, "nyc3", "s-1vcpu-1gb", new ImageRef.ById(fake.baseImage().id()),
                List.of(289794L, "3b:16:e4:bf:8b:00:8b:b8:59:8c:a9:d3:f0:19:fa:45"), "760e09ef-dc84-11e8-981e-3cfdfeaae000",
                List.of("orrery", "orrery-cluster-crater"), "#cloud-config\n");
    }

    @Test
    void createSendsEveryFieldAsTheSpecTypesThem() {
        DigitalOceanClient.CreatedDroplet c = f.client().createDroplet(request("app-3"));
        assertThat(c.droplet().networks().v4()).isEmpty();
        assertThat(c.actionIds()).hasSize(1);
        var body = fake.createBodies().get(0);
        assertThat(body.get("image").isIntegralNumber()).isTrue();
        assertThat(body.get("ssh_keys").get(0).isIntegralNumber()).isTrue();
        assertThat(body.get("ssh_keys").get(1).isTextual()).isTrue();
        assertThat(body.get("vpc_uuid").asText()).isEqualTo("760e09ef-dc84-11e8-981e-3cfdfeaae000");
        assertThat(body.get("user_data").asText()).isEqualTo("#cloud-config\n");
        assertThat(body.get("tags")).hasSize(2);
    }

    @Test
    void snapshotIdsAreStringsImageIdsIntegersAndASnapshotIdCreatesByInteger() {
        DigitalOceanClient client = f.client();
        Snapshot s = client.listSnapshots().get(0);
        Image i = client.listPrivateImages().get(0);
        assertThat(s.id()).isEqualTo(String.valueOf(i.id()));
        DropletRequest r = new DropletRequest("app-4", "nyc3", "s-1vcpu-1gb", ImageRef.ofSnapshot(s), null, null, null, null);
        assertThat(client.createDroplet(r).droplet().name()).isEqualTo("app-4");
        assertThatThrownBy(() -> ImageRef.ofSnapshotId("fbe9a0c2-0000-4b1d-9d3c-volume")).hasMessageContaining("not a droplet snapshot id");
    }

    @Test
    void awaitActionPollsUntilCompleted() {
        DigitalOceanClient client = f.client();
        long action = client.createDroplet(request("app-3")).actionIds().get(0);
        Action a = client.awaitAction(action, Duration.ofMinutes(5), Progress.NONE);
        assertThat(a.completed()).isTrue();
        assertThat(f.sleeps).hasSize(1).allMatch(d -> d.equals(Duration.ofMillis(100)));
    }

    @Test
    void anErroredActionFails() {
        fake.errorActions("power_off");
        long id = fake.droplet("app-1", List.of()).id();
        DigitalOceanClient client = f.client();
        Action a = client.dropletAction(id, "power_off", Map.of());
        assertThatThrownBy(() -> client.awaitAction(a.id(), Duration.ofMinutes(1), Progress.NONE))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.errorId()).isEqualTo("action_errored"))
                .hasMessageContaining("power_off").hasMessageContaining("errored");
    }

    @Test
    void anActionThatNeverEndsTimesOut() {
        fake.actionPolls(1_000);
        long id = fake.droplet("app-1", List.of()).id();
        DigitalOceanClient client = f.clientWithSteppingClock(f.config());
        Action a = client.dropletAction(id, "power_on", Map.of());
        assertThatThrownBy(() -> client.awaitAction(a.id(), Duration.ofSeconds(2), Progress.NONE))
                .isInstanceOf(CloudTimeoutException.class).hasMessageContaining("still in-progress after 2 s");
    }

    @Test
    void rateLimitWaitsAsLongAsRetryAfterSays() {
        long id = fake.droplet("app-1", List.of()).id();
        fake.fault("GET /v2/droplets/{id}", Fault.rateLimited(7));
        assertThat(f.client().getDroplet(id).id()).isEqualTo(id);
        assertThat(f.sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(fake.count("GET /v2/droplets/" + id)).isEqualTo(2);
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        fake.fault("GET /v2/sizes", new Fault(429, "too_many_requests", "API rate limit exceeded.",
                Map.of("retry-after", "Sat, 28 Nov 2026 01:00:05 GMT"), 0, false));
        assertThat(f.client().listSizes()).isNotEmpty();
        assertThat(f.sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aPaginationLinkToAnotherServerIsNotFollowedWithTheToken() throws IOException {
        try (mockwebserver3.MockWebServer api = new mockwebserver3.MockWebServer();
             mockwebserver3.MockWebServer elsewhere = new mockwebserver3.MockWebServer()) {
            api.start();
            elsewhere.start();
            String page = "{\"regions\": [], \"links\": {\"pages\": {\"next\": \"" + elsewhere.url("/v2/regions?page=2")
                    + "\"}}, \"meta\": {\"total\": 9}}";
            api.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body(page).build());
            DigitalOceanConfig config = DigitalOceanConfig.defaults(api.url("/").uri());
            assertThatThrownBy(() -> f.client(config).listRegions())
                    .isInstanceOf(CloudException.class).hasMessageContaining("refusing to follow a pagination link to another server");
            assertThat(elsewhere.getRequestCount()).isZero();
        }
    }

    @Test
    void rateLimitWithoutRetryAfterWaitsForRatelimitReset() {
        long reset = FakeApiFixture.NOW.getEpochSecond() + 12;
        fake.fault("GET /v2/regions", new Fault(429, "too_many_requests", "API rate limit exceeded.",
                Map.of("ratelimit-reset", String.valueOf(reset)), 0, false));
        assertThat(f.client().listRegions()).isNotEmpty();
        assertThat(f.sleeps).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void rateLimitLongerThanOrreryWillWaitFailsWithTheApisError() {
        fake.fault("GET /v2/sizes", Fault.rateLimited(3600));
        assertThatThrownBy(() -> f.client().listSizes())
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.errorId()).isEqualTo("too_many_requests");
                    assertThat(e.ambiguous()).isFalse();
                });
        assertThat(f.sleeps).isEmpty();
    }

    @Test
    void serverErrorsBackOffWithGrowingJitteredWaitsThenSucceed() {
        fake.fault("GET /v2/account/keys", Fault.serverError());
        fake.fault("GET /v2/account/keys", Fault.serverError());
        assertThat(f.client().listSshKeys()).hasSize(3);
        assertThat(f.sleeps).hasSize(2);
        // base 400 ms: the first wait is in [200, 400], the second in [400, 800]
        assertThat(f.sleeps.get(0).toMillis()).isBetween(200L, 400L);
        assertThat(f.sleeps.get(1).toMillis()).isBetween(400L, 800L);
    }

    @Test
    void serverErrorsThatDoNotStopExhaustTheAttemptsAndCarryTheApisError() {
        for (int i = 0; i < 6; i++) {
            fake.fault("GET /v2/sizes", Fault.serverError());
        }
        assertThatThrownBy(() -> f.client().listSizes())
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.errorId()).isEqualTo("server_error");
                    assertThat(e.apiMessage()).isEqualTo("Unexpected server-side error");
                    assertThat(e.requestId()).isEqualTo("4d9d8375-3c56-4925-a3e7-eb137fed17e9");
                })
                .hasMessageContaining("GET /v2/sizes → 500 server_error: Unexpected server-side error (request 4d9d8375");
        assertThat(fake.count("GET /v2/sizes")).isEqualTo(4);
        assertThat(f.sleeps).hasSize(3);
    }

    @Test
    void everyCallHasADeadline() {
        fake.fault("GET /v2/regions", Fault.stallAfterWork(4_000));
        fake.fault("GET /v2/regions", Fault.stallAfterWork(4_000));
        DigitalOceanConfig quick = f.config().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400));
        // Without a deadline the stalled answers would arrive and the call would succeed.
        assertThatThrownBy(() -> f.client(quick).listRegions())
                .isInstanceOf(CloudTimeoutException.class).hasMessageContaining("timed out");
        assertThat(fake.count("GET /v2/regions")).isEqualTo(2);
    }

    @Test
    void aCreateThatTimesOutIsLookedUpByNameNotRepeated() {
        fake.fault("POST /v2/droplets", Fault.stallAfterWork(4_000));
        DigitalOceanConfig quick = f.config().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400));
        DigitalOceanClient.CreatedDroplet c = f.client(quick).createDroplet(request("app-3"));
        assertThat(c.adopted()).isTrue();
        assertThat(c.droplet().name()).isEqualTo("app-3");
        assertThat(fake.count("POST /v2/droplets")).isEqualTo(1);
        assertThat(fake.droplets()).hasSize(1);
        assertThat(fake.requests()).contains("GET /v2/droplets");
    }

    @Test
    void aCreateThatFailsAmbiguouslyAndMadeNothingIsNotRepeated() {
        fake.fault("POST /v2/droplets", Fault.serverError());
        assertThatThrownBy(() -> f.client().createDroplet(request("app-3")))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.ambiguous()).isTrue())
                .hasMessageContaining("not repeated");
        assertThat(fake.count("POST /v2/droplets")).isEqualTo(1);
        assertThat(fake.droplets()).isEmpty();
    }

    @Test
    void aRateLimitedCreateIsRepeatedBecauseItWasRefusedBeforeItRan() {
        fake.fault("POST /v2/droplets", Fault.rateLimited(1));
        f.client().createDroplet(request("app-3"));
        assertThat(fake.count("POST /v2/droplets")).isEqualTo(2);
        assertThat(fake.droplets()).hasSize(1);
    }

    @Test
    void errorBodiesBecomeIdMessageAndRequestId() {
        fake.fault("POST /v2/droplets", Fault.error(422, "unprocessable_entity", "Region is not available"));
        assertThatThrownBy(() -> f.client().createDroplet(request("app-3")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorId()).isEqualTo("unprocessable_entity");
                    assertThat(e.apiMessage()).isEqualTo("Region is not available");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.ambiguous()).isFalse();
                });
    }

    @Test
    void notFoundIsA404AndDeletingAGoneDropletSaysSo() {
        assertThatThrownBy(() -> f.client().getDroplet(42))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.notFound()).isTrue());
        long id = fake.droplet("app-1", List.of()).id();
        assertThat(f.client().deleteDroplet(id)).isTrue();
        assertThat(f.client().deleteDroplet(id)).isFalse();
    }

    @Test
    void listsFollowNextAcrossThreePages() {
        for (int i = 1; i <= 3; i++) {
            fake.droplet("app-" + i, List.of("orrery"));
        }
        List<Droplet> all = f.client(f.config().withPolling(Duration.ofMillis(1), 1)).listDroplets("orrery");
        assertThat(all).extracting(Droplet::name).containsExactly("app-1", "app-2", "app-3");
        assertThat(fake.count("GET /v2/droplets")).isEqualTo(3);
    }

    @Test
    void aWrongTokenIs401WithAHint() {
        DigitalOceanClient wrong = new DigitalOceanClient(f.config(), new ApiToken("dop_v1_wrong"), f.recorder,
                java.time.Clock.systemUTC(), new java.util.Random(1));
        assertThatThrownBy(wrong::listRegions)
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.errorId()).isEqualTo("unauthorized"))
                .hasMessageContaining("401").hasMessageContaining("token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("dop_v1_wrong"));
    }
}
