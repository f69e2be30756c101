package dev.orrery.ui.live;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.Tone;
import javafx.scene.Node;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Puts a {@link Tone}'s CSS class ({@link Tone#cssClass()}, colours in orrery.css) on a node:
 * the only way the window colours a server's state. Always next to a word: never colour alone.
 */
public final class ToneStyle {
    /** Most urgent first: what a summary of several servers is coloured by. */
    private static final List<Tone> URGENCY = List.of(Tone.BAD, Tone.WARNING, Tone.BUSY, Tone.PLANNED, Tone.NEUTRAL, Tone.GOOD);

    private ToneStyle() {
    }

    /** Replaces any tone class on {@code node} by {@code tone}'s (none for null); touches the node only on a change. */
    public static void apply(Node node, Tone tone) {
        String want = tone == null ? null : tone.cssClass();
        var classes = node.getStyleClass();
        if (want != null && classes.contains(want) && classes.stream().filter(c -> c.startsWith("tone-")).count() == 1) {
            return;
        }
        classes.removeIf(c -> c.startsWith("tone-") && !c.equals(want));
        if (want != null && !classes.contains(want)) {
            classes.add(want);
        }
    }

    /** The most urgent tone among {@code looks}, null for none. */
    public static Tone mostUrgent(Collection<Look> looks) {
        return looks.stream().filter(Objects::nonNull).map(Look::tone).min((a, b) -> URGENCY.indexOf(a) - URGENCY.indexOf(b)).orElse(null);
    }
}
