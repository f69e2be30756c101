package dev.orrery.ui.look;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.Tone;
import javafx.scene.Node;
import javafx.scene.paint.Color;

/**
 * The window's colour for each {@link Tone} of a {@link Look} (which {@code ServerLook.of}
 * chooses): what the table cells and the canvases draw, and the {@code tone-*} style class the
 * stylesheet colours the same way. Nothing in the window picks a status colour from anything else.
 */
public final class ToneStyle {
    public static final Color GOOD = Color.web("#2e9d4f");
    public static final Color BUSY = Color.web("#2f6fd6");
    public static final Color PLANNED = Color.web("#7e57c2");
    public static final Color WARNING = Color.web("#c77700");
    public static final Color BAD = Color.web("#d64541");
    public static final Color NEUTRAL = Color.web("#8a8f98");

    private ToneStyle() {
    }

    public static Color color(Tone tone) {
        if (tone == null) {
            return NEUTRAL;
        }
        return switch (tone) {
            case GOOD -> GOOD;
            case BUSY -> BUSY;
            case PLANNED -> PLANNED;
            case WARNING -> WARNING;
            case BAD -> BAD;
            case NEUTRAL -> NEUTRAL;
        };
    }

    /** CSS colour text ({@code #2e9d4f}) for inline styles. */
    public static String web(Tone tone) {
        Color c = color(tone);
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    /** Replaces any {@code tone-*} style class on the node with the one for {@code tone}. */
    public static void apply(Node node, Tone tone) {
        node.getStyleClass().removeIf(c -> c.startsWith("tone-"));
        if (tone != null) {
            node.getStyleClass().add(tone.cssClass());
        }
    }
}
