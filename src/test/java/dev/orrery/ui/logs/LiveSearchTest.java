package dev.orrery.ui.logs;

import dev.orrery.logs.LogLevel;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * New lines matched against the search off the FX thread: a regex that backtracks for years on
 * one line holds only the matcher, a new search stops it, and what passes arrives in order.
 * Marking matches in a shown line is bounded the same way ({@link BoundedText}).
 */
class LiveSearchTest {
    /** Every split of the a's into 8 parts is tried before the missing "x" fails: years for 2,000 a's. */
    static final Pattern ENDLESS = Pattern.compile("(.*a){8}x");

    private final ExecutorService background = Executors.newCachedThreadPool(r -> new Thread(r, "live-search-test"));

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void anEndlessMatchHoldsOnlyTheMatcherAndANewSearchStopsIt() {
        LiveSearch live = new LiveSearch(background, Runnable::run);
        List<LogLine> passed = new CopyOnWriteArrayList<>();
        live.restart(ENDLESS, passed::addAll);
        live.submit(List.of(line("a".repeat(2_000)), line("aaaaaaaax"))); // returns at once: the caller is the FX thread
        assertThat(live.busy()).isTrue();

        live.restart(Pattern.compile("boom \\d+"), passed::addAll);
        await().atMost(Duration.ofMinutes(5)).until(() -> !live.busy());
        assertThat(passed).isEmpty(); // the old search's lines are not handed over for the new one

        live.submit(List.of(line("boom 1"), line("quiet"), line("boom 2")));
        live.submit(List.of(line("boom 3")));
        await().atMost(Duration.ofMinutes(5)).until(() -> passed.size() == 3);
        assertThat(passed).extracting(LogLine::text).containsExactly("boom 1", "boom 2", "boom 3");
    }

    @Test
    void stoppedItHandsNothingOver() {
        LiveSearch live = new LiveSearch(background, Runnable::run);
        List<LogLine> passed = new CopyOnWriteArrayList<>();
        live.restart(Pattern.compile("x"), passed::addAll);
        live.stop();
        live.submit(List.of(line("x")));
        assertThat(live.busy()).isFalse();
        assertThat(passed).isEmpty();
    }

    @Test
    void markingMatchesIsBoundedAndFindsTheOrdinaryOnes() {
        assertThat(BoundedText.matches(ENDLESS, "a".repeat(2_000))).isNull(); // returns, unmarked
        assertThat(BoundedText.matches(Pattern.compile("boom \\d+"), "GET boom 42 and boom 7"))
                .containsExactly(new int[] {4, 11}, new int[] {16, 22});
        assertThat(BoundedText.matches(Pattern.compile("z*"), "abc")).isEmpty(); // empty matches mark nothing
    }

    private static LogLine line(String text) {
        return new LogLine(0, 1_000, false, "app-1", LogSource.APP, LogLevel.INFO, text, null);
    }
}
