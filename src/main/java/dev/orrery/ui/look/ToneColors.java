package dev.orrery.ui.look;

import dev.orrery.engine.state.Tone;
import javafx.scene.paint.Color;

/**
 * The colours of each {@link Tone} of a server's look (which {@code ServerLook.of} chooses), for
 * what CSS cannot reach: canvas drawings (the health timeline's bars, legend swatches) and text
 * set in code. They are the stylesheet's own: {@link #text} is the {@code -o-ok}, {@code -o-bad}
 * … ink of a word, {@link #fill} the brighter dot colour. Nothing in the window picks a status
 * colour from anything else.
 */
public final class ToneColors {

    private ToneColors() {
    }

    /** A word's colour in this tone (orrery.css: -o-ok, -o-info, -o-planned, -o-warn, -o-bad, -o-idle). */
    public static Color text(Tone tone) {
        return Color.web(switch (tone == null ? Tone.NEUTRAL : tone) {
            case GOOD -> "#2b8a3e";
            case BUSY -> "#1864ab";
            case PLANNED -> "#862e9c";
            case WARNING -> "#a85d00";
            case BAD -> "#c92a2a";
            case NEUTRAL -> "#495057";
        });
    }

    /** An area's colour in this tone: a bar, a dot, a swatch (orrery.css: the status dots). */
    public static Color fill(Tone tone) {
        return Color.web(switch (tone == null ? Tone.NEUTRAL : tone) {
            case GOOD -> "#37b24d";
            case BUSY -> "#1c7ed6";
            case PLANNED -> "#9c36b5";
            case WARNING -> "#f59f00";
            case BAD -> "#f03e3e";
            case NEUTRAL -> "#adb5bd";
        });
    }
}
