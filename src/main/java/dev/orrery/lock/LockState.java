package dev.orrery.lock;

/**
 * What a read of a cluster's lock found.
 *
 * @param holder         who holds it, or null when its holder file could not be read (being
 *                       taken at this very moment, or left half-written by a crash)
 * @param heartbeatAgeSeconds seconds since the holder last refreshed it, by the lock server's clock
 * @param stale          the holder stopped refreshing it for longer than {@link ServerClusterLock#STALE_AFTER_SECONDS}:
 *                       it may be left from a crash; only a person clears it
 * @param where          where the lock lives ("lb-1:/var/lib/orrery/locks/crater")
 */
public record LockState(LockHolder holder, long heartbeatAgeSeconds, boolean stale, String where) {

    public String describe() {
        String who = holder != null ? holder.describe() : "someone whose lock file is unreadable (being taken right now, or left half-written)";
        String beat = stale ? "; its heartbeat stopped " + age(heartbeatAgeSeconds) + " ago, so it looks stale (a crash?)"
                : "; last heartbeat " + age(heartbeatAgeSeconds) + " ago";
        return who + beat + " [" + where + "]";
    }

    static String age(long s) {
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h";
    }
}
