package dev.orrery.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchesTest {
    static final List<String> TEN = List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10");

    @Test
    void theCanaryGoesAloneThenGroupsOfK() {
        assertThat(Batches.plan(TEN, 4)).containsExactly(List.of("a1"), List.of("a2", "a3", "a4", "a5"),
                List.of("a6", "a7", "a8", "a9"), List.of("a10"));
        assertThat(Batches.plan(TEN, 1)).hasSize(10).allSatisfy(b -> assertThat(b).hasSize(1));
        assertThat(Batches.plan(List.of("only"), 1)).containsExactly(List.of("only"));
    }

    @Test
    void atLeastHalfTheServersRoundedUpKeepServing() {
        assertThat(Batches.minServing(1)).isEqualTo(1);
        assertThat(Batches.minServing(3)).isEqualTo(2);
        assertThat(Batches.minServing(10)).isEqualTo(5);
        assertThat(Batches.problem(10, 5)).isEmpty();
        assertThat(Batches.problem(10, 6)).hasValueSatisfying(p -> assertThat(p)
                .contains("would leave 4 of 10 app servers serving").contains("at least 5").contains("use --batch 5 or less"));
        assertThat(Batches.problem(3, 2)).hasValueSatisfying(p -> assertThat(p).contains("use --batch 1 or less"));
        assertThat(Batches.problem(2, 2)).isPresent();
        assertThat(Batches.problem(1, 1)).as("one by one is always allowed").isEmpty();
        assertThat(Batches.problem(4, 0)).hasValue("--batch must be at least 1, not 0");
    }

    @Test
    void aRefusedBatchSizeIsRefusedWholeNotCutShort() {
        assertThatThrownBy(() -> Batches.plan(TEN, 7)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--batch 7");
    }
}
