package dev.orrery.ha;

import dev.orrery.model.Rules;
import dev.orrery.remote.Shell;

import java.util.Optional;

/**
 * The script keepalived runs on every state change ({@code notify}, with TYPE NAME STATE
 * PRIORITY). On MASTER it assigns the reserved IP to this balancer's droplet:
 * {@code POST /v2/reserved_ips/{ip}/actions} with {@code {"type":"assign","droplet_id":N}},
 * retrying while the API refuses (the address may still be moving from the peer) and stopping as
 * soon as this balancer is no longer MASTER, so a stale retry never pulls the address back.
 *
 * <p>The token is read from a root-only file and handed to curl on its standard input as a config
 * line, so it never appears in a process list; a token with anything but letters, digits, '_',
 * '.' and '-' is refused rather than written into that line. Every value rendered here is
 * validated by {@link Rules} and quoted by {@link Shell}. Failover runs with Orrery closed: this
 * script and keepalived are all it needs.
 */
final class NotifyScript {

    static final int TRIES = 10;

    private NotifyScript() {
    }

    static String render(String cluster, String balancer, String reservedIp, String dropletId, String apiBase, HaLayout layout) {
        require("cluster name", Rules.name(cluster));
        require("balancer name", Rules.name(balancer));
        require("reserved IP", Rules.ipv4(reservedIp));
        require("droplet id", Rules.dropletId(dropletId));
        require("API base URL", Rules.apiBaseUrl(apiBase));
        return """
                #!/bin/sh
                # Rendered by Orrery for cluster %s, balancer %s. Do not edit: a push replaces it.
                # keepalived runs it on each state change (TYPE NAME STATE PRIORITY); on MASTER it moves
                # the reserved IP here through the DigitalOcean API.
                set -u
                API=%s
                RESERVED_IP=%s
                DROPLET_ID=%s
                TOKEN_FILE=%s
                STATE_FILE=%s
                state=${3:-UNKNOWN}
                note() {
                    printf '%%s %%s %%s\\n' "$1" "$(date +%%s)" "$2" > "$STATE_FILE.tmp" && mv -f "$STATE_FILE.tmp" "$STATE_FILE"
                    if command -v logger >/dev/null 2>&1; then logger -t orrery-failover "$1: $2"; fi
                }
                still_master() {
                    case $(cut -d' ' -f1 "$STATE_FILE" 2>/dev/null) in MASTER) return 0 ;; *) return 1 ;; esac
                }
                if [ "$state" != MASTER ]; then
                    note "$state" "the reserved IP is the peer's to take"
                    exit 0
                fi
                note MASTER "assigning $RESERVED_IP to droplet $DROPLET_ID"
                tries=0
                while [ "$tries" -lt %d ] && still_master; do
                    tries=$((tries + 1))
                    token=$(cat "$TOKEN_FILE" 2>/dev/null) || { note MASTER "cannot read $TOKEN_FILE"; exit 1; }
                    case $token in
                        '' | *[!A-Za-z0-9_.-]*) note MASTER "the token in $TOKEN_FILE is empty or malformed"; exit 1 ;;
                    esac
                    code=$(printf 'header = "Authorization: Bearer %%s"\\n' "$token" | curl -s -K - -o /dev/null -w '%%{http_code}' \\
                        --max-time 10 -X POST -H 'Content-Type: application/json' \\
                        --data "{\\"type\\":\\"assign\\",\\"droplet_id\\":$DROPLET_ID}" "$API/v2/reserved_ips/$RESERVED_IP/actions")
                    if [ "$code" = 201 ]; then
                        note MASTER "assigned $RESERVED_IP to droplet $DROPLET_ID"
                        exit 0
                    fi
                    note MASTER "assign answered ${code:-nothing}; try $tries of %d"
                    sleep 1
                done
                exit 1
                """.formatted(cluster, balancer, Shell.quote(apiBase), Shell.quote(reservedIp), Shell.quote(dropletId),
                Shell.quote(layout.tokenFile()), Shell.quote(layout.stateFile()), TRIES, TRIES);
    }

    private static void require(String what, Optional<String> problem) {
        problem.ifPresent(m -> {
            throw new IllegalArgumentException(what + " " + m);
        });
    }
}
