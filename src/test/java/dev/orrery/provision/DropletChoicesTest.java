package dev.orrery.provision;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.Region;
import dev.orrery.cloud.Size;
import dev.orrery.cloud.Snapshot;
import dev.orrery.cloud.fake.Fault;
import dev.orrery.cloud.CloudException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DropletChoicesTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final ExecutorService io = Executors.newFixedThreadPool(4);

    DropletChoicesTest() throws IOException {
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
        f.close();
    }

    @Test
    void thePickersAreFilledFromTheApiAndFilteredByRegion() {
        DropletChoices c = DropletChoices.load(f.provider(), io);
        assertThat(c.availableRegions()).extracting(Region::slug).contains("nyc3", "fra1");
        assertThat(c.keys()).hasSize(3);
        Snapshot base = c.snapshotsIn("nyc3").get(0);
        assertThat(base.id()).isEqualTo(String.valueOf(f.fake.baseImage().id()));
        assertThat(c.snapshotsIn("sfo3")).isEmpty(); // the fake's snapshots live in nyc3 and fra1
        assertThat(c.sizesFor("nyc3", base)).extracting(Size::slug).isNotEmpty().allMatch(s -> s.startsWith("s-"));
    }

    @Test
    void aFailingListFailsTheLoadWithTheApisError() {
        f.fake.fault("GET /v2/sizes", Fault.error(403, "forbidden", "You do not have access for the attempted action."));
        assertThatThrownBy(() -> DropletChoices.load(f.provider(), io))
                .isInstanceOf(CloudException.class).hasMessageContaining("403 forbidden");
    }

    @Test
    void aListThatTheAccountLacksIsEmptyNotAnError() {
        f.fake.sshKeyCount(0);
        assertThat(DropletChoices.load(f.provider(), io).keys()).isEqualTo(List.of());
    }
}
