package dev.orrery.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The link between "the laptop" (this machine's root namespace, i.e. the JVM running Orrery, which
 * talks to the hosts from the bridge address) and the test hosts. The hosts talk to each other
 * unshaped, as droplets on a DigitalOcean private network do.
 *
 * <p>How: the shaping qdisc sits on the bridge device's own egress. Only packets this machine
 * sends onto the bridge pass it; frames the bridge forwards from one host's port to another's
 * never do, so host-to-host traffic stays at bridge speed. This shapes the laptop's uplink (what
 * a deploy's upload pays), shared by all hosts as a real uplink is; the downlink is left
 * unshaped. The delay (the whole RTT, put on the outgoing side) needs the kernel's {@code sch_netem};
 * where the kernel lacks it (as on the machine this was written on), the link is rate-limited
 * with {@code tbf} only and {@link TestHosts#laptopLinkNote()} says the RTT is not emulated.
 *
 * @param bitsPerSecond the laptop's uplink rate; 0 for unshaped
 * @param rtt           round-trip time added; {@link Duration#ZERO} for none
 */
public record LaptopLink(long bitsPerSecond, Duration rtt) {

    /** No shaping at all: loopback-bridge speed (the default). */
    public static final LaptopLink UNSHAPED = new LaptopLink(0, Duration.ZERO);

    public LaptopLink {
        if (bitsPerSecond < 0 || rtt.isNegative() || rtt.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("laptop link: rate >= 0 and RTT 0..10 s, not " + bitsPerSecond + " bit/s, " + rtt);
        }
    }

    /** e.g. {@code laptop(50, 40)}: a 50 Mbit/s uplink with 40 ms RTT. */
    public static LaptopLink laptop(int mbitPerSecond, int rttMillis) {
        return new LaptopLink(mbitPerSecond * 1_000_000L, Duration.ofMillis(rttMillis));
    }

    /** Parses {@code 50mbit/40ms}, {@code 50mbit} or {@code none} (benchmark arguments). */
    public static LaptopLink parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("unshaped")) {
            return UNSHAPED;
        }
        var m = java.util.regex.Pattern.compile("(\\d{1,5})mbit(?:/(\\d{1,4})ms)?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("laptop link: expected e.g. 50mbit/40ms, 50mbit or none, not " + text);
        }
        return laptop(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    public boolean shaped() {
        return bitsPerSecond > 0 || !rtt.isZero();
    }

    @Override
    public String toString() {
        return shaped() ? String.format(Locale.ROOT, "%.0f Mbit/s, %d ms RTT", bitsPerSecond / 1e6, rtt.toMillis()) : "unshaped";
    }

    /** The tc arguments after {@code tc qdisc add dev DEV root}: netem (delay, and rate when set). */
    List<String> netemArgs() {
        List<String> a = new ArrayList<>(List.of("netem", "delay", rtt.toMillis() + "ms", "limit", "100000"));
        if (bitsPerSecond > 0) {
            a.addAll(List.of("rate", bitsPerSecond + "bit"));
        }
        return a;
    }

    /**
     * tbf: rate only. The bucket holds 256 KB so a 64 KB GSO super-packet (which the bridge's own
     * egress sees before segmentation) always fits; a queue of 200 ms at that rate absorbs bursts.
     */
    List<String> tbfArgs() {
        return List.of("tbf", "rate", bitsPerSecond + "bit", "burst", "256kb", "latency", "200ms");
    }
}
