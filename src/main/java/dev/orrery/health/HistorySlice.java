package dev.orrery.health;

/** A copy of part of a {@link SampleRing}, oldest first. The arrays are the caller's to keep. */
public record HistorySlice(long[] times, float[] latencies, byte[] outcomes) {

    public int size() {
        return times.length;
    }

    public Outcome outcome(int i) {
        return Outcome.ofCode(outcomes[i]);
    }
}
