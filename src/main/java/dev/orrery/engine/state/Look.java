package dev.orrery.engine.state;

/**
 * How one server is shown, everywhere: the topology's badge and status line, the inspector, the
 * health table, the status bar, notifications and {@code orrery status}. Made only by
 * {@link ServerLook#of}.
 *
 * @param badge  the short upper-case word on the node's badge ("UP", "DEPLOYING", "DOWN")
 * @param word   the status line ("deploying · health gate", "down (not planned)")
 * @param tone   the colour family
 * @param alarm  true while this is an outage nobody planned: entering it raises a notification
 * @param detail one sentence saying why the look is what it is (tooltips, the inspector)
 */
public record Look(String badge, String word, Tone tone, boolean alarm, String detail) {
}
