package dev.orrery.security;

import dev.orrery.remote.Command;

/**
 * The server side of a firewall change, as commands (run as root; through sudo for another
 * login user, like every command). Files live in {@link #DIR}: {@code candidate.nft} (what is
 * being applied), {@code previous.nft} (what puts back the table as it was), {@code pending-TOKEN}
 * (the change waiting for Orrery's confirmation) and {@code log}.
 *
 * <p>Like {@code iptables-apply}: before the candidate is loaded, a detached watchdog is started
 * that, unless the change is confirmed within the window, loads {@code previous.nft}. Confirming
 * and rolling back both claim {@code pending-TOKEN} with one rename, so exactly one of them wins.
 */
public final class FirewallCommands {
    public static final String DIR = "/var/lib/orrery/firewall";
    public static final String CANDIDATE = DIR + "/candidate.nft";
    /** {@link #confirm} exit code: the watchdog had already rolled the change back. */
    static final int TOO_LATE = 3;
    /** {@link #armAndApply} exit code: another change is still waiting for its confirmation. */
    static final int BUSY = 4;
    /** {@link #check} exit code: nft is not installed. */
    static final int NO_NFT = 5;

    private FirewallCommands() {
    }

    /** {@code nft -c}: parses and checks the candidate against the kernel without changing anything. */
    public static Command check() {
        return Command.of("sh", "-c", "command -v nft >/dev/null 2>&1 || { echo 'nft is not installed (apt-get install nftables)'; exit "
                + NO_NFT + "; }; nft -c -f \"$1\"", "sh", CANDIDATE).describedAs("nft -c -f " + CANDIDATE);
    }

    // Each change has its own marker, pending-TOKEN: a watchdog left from an earlier, confirmed
    // change must never claim a later one.
    private static final String ARM_AND_APPLY = """
            set -e
            cd "$1"
            for f in pending-* rolling-back-*; do
              if [ -e "$f" ]; then echo "another firewall change ($f) is waiting for its confirmation or rollback"; exit %d; fi
            done
            if nft list table inet orrery > previous.list 2>/dev/null; then
              { printf 'table inet orrery\\ndelete table inet orrery\\n'; cat previous.list; } > previous.nft
            else
              printf 'table inet orrery\\ndelete table inet orrery\\n' > previous.nft
            fi
            rm -f previous.list
            : > "pending-$3"
            # detached (own session, no open descriptors): it outlives this SSH session, which the new rules may cut
            setsid sh -c 'sleep "$1"; cd "$2" || exit 1; if mv "pending-$3" "rolling-back-$3" 2>/dev/null; then nft -f previous.nft; echo "$(date -u +%%FT%%TZ) rolled back $3" >> log; rm -f "rolling-back-$3"; fi' sh "$2" "$1" "$3" </dev/null >/dev/null 2>&1 &
            if ! nft -f candidate.nft; then
              if mv "pending-$3" "rolling-back-$3" 2>/dev/null; then nft -f previous.nft; rm -f "rolling-back-$3"; fi
              echo "nft -f failed; the previous rules are back"; exit 1
            fi
            echo "$(date -u +%%FT%%TZ) applied $3, rolled back after $2 s unless confirmed" >> log
            """.formatted(BUSY);

    /** Saves what is loaded now, arms the rollback watchdog ({@code seconds}), then loads the candidate. */
    public static Command armAndApply(int seconds, String token) {
        return Command.of("sh", "-c", ARM_AND_APPLY, "sh", DIR, Integer.toString(seconds), token)
                .describedAs("apply " + CANDIDATE + " with a rollback in " + seconds + " s unless confirmed");
    }

    /** Keeps the change: exits {@value #TOO_LATE} when the watchdog had already claimed it. */
    public static Command confirm(String token) {
        return Command.of("sh", "-c", "cd \"$1\" && mv \"pending-$2\" \"confirmed-$2\" 2>/dev/null && rm -f \"confirmed-$2\" "
                + "&& echo \"$(date -u +%FT%TZ) confirmed $2\" >> log || exit " + TOO_LATE, "sh", DIR, token)
                .describedAs("confirm the firewall change");
    }

    /** Where a confirmed rule set is kept for the next boot. */
    public static final String PERSISTED = "/etc/orrery/firewall.nft";
    public static final String UNIT = "orrery-firewall.service";

    // After nftables.service (whose /etc/nftables.conf usually starts with "flush ruleset") and
    // before the network comes up, so the servers never boot open.
    private static final String PERSIST = """
            set -e
            d=$(dirname "$2")
            mkdir -p "$d"
            cp "$1/candidate.nft" "$d/.firewall.nft.new"
            chmod 600 "$d/.firewall.nft.new"
            mv -f "$d/.firewall.nft.new" "$2"
            if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
              nft=$(command -v nft)
              cat > /etc/systemd/system/%1$s.new <<UNIT
            [Unit]
            Description=Orrery's firewall (table inet orrery)
            DefaultDependencies=no
            After=nftables.service
            Before=network-pre.target
            Wants=network-pre.target

            [Service]
            Type=oneshot
            RemainAfterExit=yes
            ExecStart=$nft -f $2

            [Install]
            WantedBy=multi-user.target
            UNIT
              mv -f /etc/systemd/system/%1$s.new /etc/systemd/system/%1$s
              systemctl daemon-reload
              systemctl enable %1$s >/dev/null 2>&1
              echo "kept across reboots: %1$s loads $2"
            else
              echo "kept in $2 (no systemd here: load it at boot with nft -f $2)"
            fi
            """.formatted(UNIT);

    /** Keeps the confirmed rules for the next boot: run only after {@link #confirm} succeeded. */
    public static Command persist() {
        return persist(DIR, PERSISTED);
    }

    static Command persist(String dir, String persisted) {
        return Command.of("sh", "-c", PERSIST, "sh", dir, persisted).describedAs("keep the rules across reboots (" + PERSISTED + ")");
    }

    /** Prints {@code pending}, {@code rolled-back} or {@code confirmed} for change {@code token}. */
    public static Command state(String token) {
        return Command.of("sh", "-c", "cd \"$1\" || exit 1; if [ -e \"pending-$2\" ] || [ -e \"rolling-back-$2\" ]; then echo pending; "
                + "elif grep -q \"rolled back $2\\$\" log 2>/dev/null; then echo rolled-back; else echo confirmed; fi", "sh", DIR, token)
                .describedAs("state of the firewall change");
    }

    /** One word for what filters this server's input: {@code orrery}, {@code other-rules}, {@code open} or {@code no-nft}. */
    public static Command hostState() {
        return Command.trusted("if ! command -v nft >/dev/null 2>&1; then echo no-nft; "
                + "elif nft list table inet orrery >/dev/null 2>&1; then echo orrery; "
                // empty tables and chains with policy accept (what iptables-nft leaves once its rules are
                // deleted, e.g. by the deploy's ConnectionGate) filter nothing: only real rules count
                + "elif nft list ruleset 2>/dev/null | awk '/^[[:space:]]*(table|chain|}|$)/ {next} /hook .*policy accept;/ {next} {found=1} END {exit !found}' "
                + "|| [ -n \"$(iptables -S INPUT 2>/dev/null | grep -v '^-P INPUT ACCEPT')\" ]; then echo other-rules; "
                + "else echo open; fi").describedAs("firewall state");
    }

    /** Prints {@code systemd} when the server runs systemd (the app is a unit), else {@code supervisor}. */
    public static Command initSystem() {
        return Command.trusted("if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then echo systemd; else echo supervisor; fi")
                .describedAs("detect systemd");
    }

    /** What is loaded now: Orrery's table, or nothing. */
    public static Command show() {
        return Command.trusted("nft list table inet orrery 2>/dev/null || echo 'no Orrery firewall (table inet orrery) on this server'")
                .describedAs("nft list table inet orrery");
    }
}
