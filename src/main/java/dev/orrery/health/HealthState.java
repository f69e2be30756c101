package dev.orrery.health;

/**
 * What Orrery shows for an app server.
 *
 * <p>The module's own state is a plain up/down flag that starts down ({@code default_down=true}).
 * Showing that flag as "down" for the first probes would paint a healthy cluster red each time
 * Orrery opens, and would fire "server down" notifications for servers that were never up. So
 * Orrery shows {@link #CHECKING} until the evidence is in: the server comes up after
 * {@code rise} successes, or is shown down after {@code fall} consecutive failures (the same
 * evidence that takes an up server down), or after {@code rise + fall} probes that never brought
 * it up (a server flapping from the start: the module keeps it down, and so does Orrery).
 */
public enum HealthState {
    CHECKING("checking"),
    UP("up"),
    DOWN("down");

    private final String word;

    HealthState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
