package dev.orrery.ui.health;

import dev.orrery.health.HealthState;
import javafx.scene.Node;
import javafx.scene.paint.Color;

/**
 * The one mapping from a health state to what the window shows: a colour, a word and a style
 * class ({@code health-up}, {@code health-down}, {@code health-checking}) for stylesheets.
 * Topology nodes, the table and the charts all use it, so the same state looks the same
 * everywhere. "checking" is grey on purpose: no evidence yet is not an alarm.
 */
public final class NodeHealthStyle {
    public static final Color UP = Color.web("#2e9d4f");
    public static final Color DOWN = Color.web("#d64541");
    public static final Color CHECKING = Color.web("#8a8f98");

    private NodeHealthStyle() {
    }

    public static Color color(HealthState state) {
        if (state == null) {
            return CHECKING;
        }
        return switch (state) {
            case UP -> UP;
            case DOWN -> DOWN;
            case CHECKING -> CHECKING;
        };
    }

    public static String word(HealthState state) {
        return state != null ? state.word() : HealthState.CHECKING.word();
    }

    public static String styleClass(HealthState state) {
        return "health-" + word(state);
    }

    /** CSS colour text, e.g. {@code #2e9d4f}, for inline styles. */
    public static String web(HealthState state) {
        Color c = color(state);
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    /** Replaces any health style class on the node with the one for {@code state}. */
    public static void apply(Node node, HealthState state) {
        node.getStyleClass().removeIf(c -> c.startsWith("health-"));
        node.getStyleClass().add(styleClass(state));
    }
}
