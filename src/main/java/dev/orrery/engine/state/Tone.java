package dev.orrery.engine.state;

/**
 * The colour family of a server's look. The window maps each to a CSS class
 * ({@code tone-good} …), the command line to a word; nobody picks a colour from anything else.
 */
public enum Tone {
    /** Serving as it should: green. */
    GOOD,
    /** Orrery is working on it right now (deploying, provisioning, pushing): blue. */
    BUSY,
    /** Out of rotation on purpose (drained, stopped by a deploy, being removed): violet. */
    PLANNED,
    /** Needs a look but is not an outage (a balancer disagrees, a provision left unfinished): amber. */
    WARNING,
    /** An outage nobody planned, or a failure: red. */
    BAD,
    /** Nothing known yet, or nothing to know (not monitored, checking): grey. */
    NEUTRAL;

    public String cssClass() {
        return "tone-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
