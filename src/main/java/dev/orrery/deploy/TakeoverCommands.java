package dev.orrery.deploy;

import dev.orrery.remote.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands that take an app server over from whatever ran its app before Orrery (Meteor Up's
 * upstart job or Docker container, a systemd unit, or a process started by hand), as data:
 * constant sh scripts, the values passed as positional arguments.
 */
final class TakeoverCommands {
    /** Where the old app's own description is kept, so it can be started again if the first deploy fails. */
    static final String SAVED = "adopted";

    private final AppLayout layout;

    TakeoverCommands(AppLayout layout) {
        this.layout = layout;
    }

    private static Command script(String description, String script, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", script, "orrery"));
        all.addAll(List.of(args));
        return Command.of("sh", all).describedAs(description);
    }

    /**
     * What listens on the app's port, one line: {@code none}, {@code orrery PID} (Orrery's own
     * app), {@code docker NAME PID}, {@code systemd UNIT PID}, {@code upstart JOB PID} or
     * {@code process PID}.
     *
     * <p>{@code sharedLoopback} is the server's own loopback address when several servers share
     * one machine, each on its own 127.x address (the sandbox, test hosts on loopback); empty on
     * a real server. Then only listeners on that address or on a wildcard count: another
     * server's app on 127.66.2.4:3000 does not hold 127.66.2.3:3000, and taking it over would
     * kill a neighbour. On a real server every listener on the port counts, since Orrery's app
     * may bind the wildcard.
     */
    Command inspect(int port, String sharedLoopback) {
        return script("what listens on port " + port, """
                port=$1; root=$2; own=$3
                held=$(ss -Hltnp "sport = :$port" 2>/dev/null | awk -v own="$own" '
                  own == "" { print; next }
                  { a = $4; sub(/:[0-9]+$/, "", a); gsub(/\\[|\\]/, "", a); sub(/%.*/, "", a); sub(/^::ffff:/, "", a)
                    if (a == own || a == "0.0.0.0" || a == "*" || a == "::") print }')
                if [ -z "$held" ]; then echo "none"; exit 0; fi
                pid=$(printf '%s\\n' "$held" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
                if [ -z "$pid" ]; then echo "unknown"; exit 0; fi
                case "$(readlink /proc/$pid/cwd 2>/dev/null)" in "$root"/releases/*) echo "orrery $pid"; exit 0 ;; esac
                cg=$(cat /proc/$pid/cgroup 2>/dev/null)
                if command -v docker >/dev/null 2>&1; then
                  name=$(docker ps --filter "publish=$port" --format '{{.Names}}' 2>/dev/null | head -n 1)
                  if [ -n "$name" ]; then echo "docker $name $pid"; exit 0; fi
                fi
                if [ -d /run/systemd/system ]; then
                  unit=$(printf '%s\\n' "$cg" | grep -o '[^/]*\\.service' | tail -n 1)
                  case "$unit" in ""|user@*|session-*) ;; orrery-*) echo "orrery $pid"; exit 0 ;; *) echo "systemd $unit $pid"; exit 0 ;; esac
                fi
                if command -v initctl >/dev/null 2>&1; then
                  job=$(initctl list 2>/dev/null | grep "process $pid\\$" | cut -d' ' -f1 | head -n 1)
                  if [ -n "$job" ]; then echo "upstart $job $pid"; exit 0; fi
                fi
                echo "process $pid"
                """, Integer.toString(port), layout.root(), sharedLoopback);
    }

    /**
     * Stops the old app so Orrery's can take its port. Before a plain process is stopped its
     * command line, environment, folder and user are kept in {@code APP_ROOT/adopted}, so it can
     * be started again. A {@code current} folder of Meteor Up's is moved aside (Orrery's is a link).
     */
    Command stop(Takeover.Found found, int timeoutSeconds) {
        return script("stop the app that ran before Orrery (" + found + ")", """
                kind=$1; name=$2; pid=$3; root=$4; timeout=$5; saved="$root/%s"
                mkdir -p "$saved"
                case "$kind" in
                  docker) docker update --restart=no "$name" >/dev/null && docker stop -t "$timeout" "$name" >/dev/null || exit 1 ;;
                  systemd) systemctl stop "$name" || exit 1 ;;
                  upstart) stop "$name" || exit 1 ;;
                  process)
                    readlink /proc/$pid/cwd > "$saved/cwd"
                    cat /proc/$pid/cmdline > "$saved/cmdline"
                    cat /proc/$pid/environ > "$saved/environ"
                    awk '/^Uid:/{print $2}' /proc/$pid/status > "$saved/uid"
                    awk '/^Gid:/{print $2}' /proc/$pid/status > "$saved/gid"
                    kill -TERM "$pid" 2>/dev/null
                    end=$(( $(date +%%s) + timeout ))
                    while kill -0 "$pid" 2>/dev/null && [ "$(date +%%s)" -lt "$end" ]; do sleep 0.1; done
                    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; echo "killed after ${timeout}s"; fi ;;
                esac
                echo "$kind $name" > "$saved/what"
                if [ -e "$root/current" ] && [ ! -L "$root/current" ]; then mv "$root/current" "$root/current.before-orrery"; echo "moved $root/current aside"; fi
                i=0; while ss -Hltn "sport = :$6" 2>/dev/null | grep -q . && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
                if ss -Hltn "sport = :$6" 2>/dev/null | grep -q .; then echo "port $6 is still taken" >&2; exit 1; fi
                echo "stopped"
                """.formatted(SAVED), found.kind(), found.name(), found.pid(), layout.root(), Integer.toString(timeoutSeconds),
                Integer.toString(found.port()));
    }

    /** Starts the old app again (the first deploy failed on this server), and waits for its port. */
    Command restore(Takeover.Found found) {
        return script("start the app that ran before Orrery again", """
                kind=$1; name=$2; root=$3; port=$4; saved="$root/%s"
                if [ -e "$root/current.before-orrery" ]; then rm -f "$root/current"; mv "$root/current.before-orrery" "$root/current"; fi
                case "$kind" in
                  docker) docker update --restart=always "$name" >/dev/null; docker start "$name" >/dev/null || exit 1 ;;
                  systemd) systemctl start "$name" || exit 1 ;;
                  upstart) start "$name" || exit 1 ;;
                  process)
                    cat "$saved/environ" "$saved/cmdline" > "$saved/start"
                    cd "$(cat "$saved/cwd")" 2>/dev/null || cd /
                    if [ "$(cat "$saved/uid")" = 0 ]; then
                      setsid xargs -0 -a "$saved/start" env -i </dev/null >>"$saved/restarted.log" 2>&1 &
                    else
                      setsid setpriv --reuid="$(cat "$saved/uid")" --regid="$(cat "$saved/gid")" --clear-groups \\
                        xargs -0 -a "$saved/start" env -i </dev/null >>"$saved/restarted.log" 2>&1 &
                    fi ;;
                esac
                i=0; while ! ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
                ss -Hltn "sport = :$port" 2>/dev/null | grep -q . || { echo "the old app did not listen on $port again" >&2; exit 1; }
                echo "the old app listens on $port again"
                """.formatted(SAVED), found.kind(), found.name(), layout.root(), Integer.toString(found.port()));
    }

    /** Once Orrery's app passed its gate: the old one must not come back at boot and fight for the port. */
    Command settle(Takeover.Found found) {
        return script("keep the old app from starting again", """
                kind=$1; name=$2
                case "$kind" in
                  docker) echo "container $name is stopped and will not restart; remove it when you are sure (docker rm $name)" ;;
                  systemd) systemctl disable "$name" 2>&1 && echo "unit $name is disabled" ;;
                  upstart) echo manual > "/etc/init/$name.override" && echo "upstart job $name will not start at boot" ;;
                  *) echo "nothing starts the old process at boot" ;;
                esac
                """, found.kind(), found.name());
    }
}
