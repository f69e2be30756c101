package dev.orrery.ha;

/**
 * A balancer's keepalived state as its notify script last wrote it ({@code STATE EPOCH words…}):
 * MASTER, BACKUP, FAULT or STOP, when, and what the script did (e.g. "assigned 203.0.113.10 to
 * droplet 3164444"). {@link #UNKNOWN} when the file is missing or unreadable.
 */
public record KeepalivedState(String state, long epochSeconds, String note) {

    public static final KeepalivedState UNKNOWN = new KeepalivedState("UNKNOWN", 0, "keepalived has not reported a state");

    public static KeepalivedState parse(String line) {
        if (line == null) {
            return UNKNOWN;
        }
        String l = line.strip();
        if (l.isEmpty() || l.startsWith(FailoverCommands.NO_STATE)) {
            return UNKNOWN;
        }
        String[] parts = l.split(" ", 3);
        String state = parts[0];
        if (!state.matches("[A-Z]{1,16}")) {
            return new KeepalivedState("UNKNOWN", 0, "unreadable state file");
        }
        long at = 0;
        if (parts.length > 1) {
            try {
                at = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                at = 0;
            }
        }
        return new KeepalivedState(state, at, parts.length > 2 ? parts[2] : "");
    }

    public boolean master() {
        return "MASTER".equals(state);
    }
}
