package dev.orrery.ui.ssh;

import dev.orrery.engine.Orrery;
import javafx.stage.Window;

import java.util.function.Supplier;

/** The window's half of the engine's wiring: host keys and passphrases asked by dialogs. */
public final class WindowSsh {
    private WindowSsh() {
    }

    public static Orrery.Prompts prompts(Supplier<Window> owner) {
        return new Orrery.Prompts(new FxHostKeyPrompt(owner), new FxPassphrasePrompt(owner));
    }
}
