package dev.orrery.engine.state;

import dev.orrery.model.Release;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseLabelTest {
    private static Release bundle(String file) {
        return new Release("20261201-084551-9f3c2a1bdd", Release.Kind.NODE, file, "9f3c2a1bdd", Instant.EPOCH);
    }

    @Test
    void theBundlesVersionWhenItHasOne() {
        assertThat(ReleaseLabel.of("x", bundle("orrery-sample-v3.jar"))).isEqualTo("v3");
        assertThat(ReleaseLabel.of("x", bundle("crater-1.4.2.tar.gz"))).isEqualTo("1.4.2");
    }

    @Test
    void otherwiseTheIdsChecksumPart() {
        assertThat(ReleaseLabel.of("20261201-084551-9f3c2a1bdd", bundle("bundle.tar.gz"))).isEqualTo("9f3c2a1b");
        assertThat(ReleaseLabel.of("20261201-084551-9f3c2a1b", null)).isEqualTo("9f3c2a1b");
        assertThat(ReleaseLabel.of("hand-made-release-name", null)).isEqualTo("hand-made-r…");
        assertThat(ReleaseLabel.of(null, null)).isNull();
    }
}
