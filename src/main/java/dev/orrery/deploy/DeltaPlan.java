package dev.orrery.deploy;

import dev.orrery.model.Rules;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of a release one server already has (by SHA-256, in any earlier release there) and
 * which must be sent. Pure data: the server's index in, the plan file and the tar entries to send out.
 *
 * <p>The plan file is lines the server's scripts read ({@link DeltaCommands#applyDelta}):
 * <pre>
 * H HASH  ./PATH                     every plannable regular file of the release (sha256sum -c format)
 * L MODE TAB SRC TAB PATH            reuse SRC (ID/./path under releases/) as PATH, mode MODE (octal)
 * </pre>
 *
 * @param plan      the plan file's text
 * @param send      ordinals of the tar entries to send (directories, links, and files the server lacks)
 * @param reused    regular files taken from earlier releases
 * @param reusedBytes their size
 * @param sentFiles regular files sent
 */
public record DeltaPlan(String plan, Set<Integer> send, int reused, long reusedBytes, int sentFiles) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /**
     * Parses the server's index ({@link DeltaCommands#releaseIndex} output: {@code HASH ID/./path}
     * per line) into hash → source. Lines that do not name a plain path inside a valid release id are
     * ignored, so a strange file on the server can never make the plan reach outside releases/.
     */
    public static Map<String, String> parseIndex(List<String> lines) {
        Map<String, String> bySha = new HashMap<>();
        for (String line : lines) {
            int sp = line.indexOf(' ');
            if (sp != 64 || !HASH.matcher(line.substring(0, 64)).matches()) {
                continue;
            }
            String src = line.substring(65);
            int slash = src.indexOf("/./");
            if (slash <= 0 || Rules.releaseId(src.substring(0, slash)).isPresent()) {
                continue;
            }
            String rest = src.substring(slash + 3);
            boolean plain = !rest.isEmpty() && rest.chars().noneMatch(c -> c == '\t' || c == '\n' || c == '\r' || c == '\\')
                    && java.util.Arrays.stream(rest.split("/", -1)).noneMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."));
            if (plain) {
                bySha.putIfAbsent(line.substring(0, 64), src);
            }
        }
        return bySha;
    }

    public static DeltaPlan of(BundleManifest manifest, Map<String, String> serverIndex) {
        StringBuilder plan = new StringBuilder();
        Set<Integer> send = new LinkedHashSet<>();
        int reused = 0;
        int sent = 0;
        long reusedBytes = 0;
        for (BundleManifest.Entry e : manifest.entries()) {
            if (!e.regular()) {
                send.add(e.ordinal());
                continue;
            }
            if (!e.plannable()) {
                send.add(e.ordinal()); // odd names travel in the tar (verified as a whole by the upload)
                sent++;
                continue;
            }
            plan.append("H ").append(e.sha256()).append("  ./").append(e.path()).append('\n');
            String src = serverIndex.get(e.sha256());
            if (src != null) {
                plan.append("L ").append(Integer.toOctalString(e.mode())).append('\t').append(src).append('\t').append(e.path()).append('\n');
                reused++;
                reusedBytes += e.size();
            } else {
                send.add(e.ordinal());
                sent++;
            }
        }
        return new DeltaPlan(plan.toString(), Set.copyOf(send), reused, reusedBytes, sent);
    }
}
