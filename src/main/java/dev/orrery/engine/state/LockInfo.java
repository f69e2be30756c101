package dev.orrery.engine.state;

/**
 * Who holds the cluster's deploy lock, as read from where the lock lives.
 *
 * @param holder    who and where ("ana@laptop, pid 4242")
 * @param purpose   what for ("deploy of 20261201-…")
 * @param sinceMs   when it was taken
 * @param stale     the holder stopped refreshing it: it may be left from a crash
 */
public record LockInfo(String holder, String purpose, long sinceMs, boolean stale) {

    public String describe() {
        return holder + " (" + purpose + ")" + (stale ? ", stale" : "");
    }
}
