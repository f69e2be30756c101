package dev.orrery.deploy;

import dev.orrery.remote.Shell;

import java.nio.charset.StandardCharsets;

/**
 * The two shell scripts Orrery installs in {@code /opt/APP/bin}. Their text is constant; the only
 * values in them (paths, user, timeout) are quoted by {@link Shell} and come from validated names.
 */
public final class Scripts {

    /** The PATH a service gets (systemd's default for system units), instead of the SSH session's. */
    public static final String SERVICE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Scripts() {
    }

    /**
     * orrery-run: runs as the app's user. Resolves the live release, sources that release's
     * environment file and runs its start script, so a restart always starts a whole release
     * with the environment it was deployed with. Given a release and a port it runs that release
     * on that port instead: the preflight, which proves a release healthy before it gets traffic.
     */
    public static byte[] launcher(AppLayout layout) {
        return ("""
                #!/bin/sh
                # orrery-run [RELEASE PORT]: starts the live release of this app with its environment
                # (written by Orrery); with arguments, that release on that port (a preflight).
                set -eu
                APP_ROOT=%s
                if [ $# -ge 2 ]; then
                  id=$1
                else
                  release=$(readlink "$APP_ROOT/current") || { echo "orrery-run: no current release" >&2; exit 78; }
                  id=${release##*/}
                fi
                cd "$APP_ROOT/releases/$id"
                # cd sets OLDPWD to where this script was started from (root's home over SSH): not the app's.
                unset OLDPWD
                set -a
                . "$APP_ROOT/env/$id.env"
                [ $# -ge 2 ] && PORT=$2
                set +a
                exec /bin/sh ./.orrery-start
                """).formatted(Shell.quote(layout.root())).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * orrery-supervise: a portable supervisor for hosts without systemd. {@code start} runs the
     * loop in its own session and returns; the loop starts orrery-run as the app's user in its own
     * process group, logs, and restarts it when it crashes. {@code stop} sends SIGTERM to the
     * app's group (the app stops accepting and finishes what it has), waits up to the stop
     * timeout, then SIGKILLs; it returns only once the app is gone, and says which way it went.
     */
    public static byte[] supervisor(AppLayout layout, int stopTimeoutSeconds) {
        return ("""
                #!/bin/sh
                # orrery-supervise start|stop|restart|status|run  (written by Orrery)
                set -u
                APP_ROOT=%s
                APP_USER=%s
                STOP_TIMEOUT=%d
                SERVICE_PATH=%s
                RUN="$APP_ROOT/run"; LOG="$APP_ROOT/log/app.log"
                SUP_PID="$RUN/supervisor.pid"; APP_PID="$RUN/app.pid"; STOPPED="$RUN/last-stop"

                alive() { [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }
                now() { date +%%s; }
                say() { echo "$(date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ) orrery-supervise: $*" >>"$LOG"; }

                loop() {
                  echo $$ >"$SUP_PID"
                  stopping=0; child=""
                  trap 'stopping=1; [ -n "$child" ] && kill -TERM "-$child" 2>/dev/null' TERM INT
                  delay=1
                  while [ "$stopping" = 0 ]; do
                    started=$(now)
                    # setsid: the app leads its own process group, so stop reaches npm/sh wrappers too.
                    # env -i: the app gets only what Orrery sets (its env file, read by orrery-run) and
                    # what a service's own environment holds, never the SSH session's (USER=root, SSH_*).
                    # APP_USER is empty in a sandbox run as the current user: no setpriv there, and the
                    # user's own PATH, where their node or java lives.
                    # The one capability kept lets the app's own user listen on a port below 1024
                    # (an adopted Meteor Up app answers on port 80); it grants nothing else.
                    if [ -n "$APP_USER" ]; then
                      setsid setpriv --reuid="$APP_USER" --regid="$(id -g "$APP_USER")" --init-groups \\
                        --inh-caps=+net_bind_service --ambient-caps=+net_bind_service \\
                        env -i PATH="$SERVICE_PATH" HOME="$APP_ROOT" USER="$APP_USER" LOGNAME="$APP_USER" \\
                        "$APP_ROOT/bin/orrery-run" </dev/null >>"$LOG" 2>&1 &
                    else
                      me=$(id -un)
                      setsid env -i PATH="$PATH" HOME="$APP_ROOT" USER="$me" LOGNAME="$me" \\
                        "$APP_ROOT/bin/orrery-run" </dev/null >>"$LOG" 2>&1 &
                    fi
                    child=$!
                    echo "$child" >"$APP_PID"
                    say "started app pid $child"
                    code=0; wait "$child" || code=$?
                    if [ "$stopping" = 1 ]; then
                      deadline=$(( $(now) + STOP_TIMEOUT ))
                      while kill -0 "-$child" 2>/dev/null && [ "$(now)" -lt "$deadline" ]; do sleep 0.1; done
                      if kill -0 "-$child" 2>/dev/null; then
                        kill -KILL "-$child" 2>/dev/null
                        echo "killed after ${STOP_TIMEOUT}s" >"$STOPPED"
                        say "app pid $child killed after ${STOP_TIMEOUT}s"
                      else
                        echo "graceful" >"$STOPPED"
                        say "app pid $child stopped"
                      fi
                      break
                    fi
                    kill -KILL "-$child" 2>/dev/null
                    say "app pid $child exited with $code; restarting in ${delay}s"
                    [ $(( $(now) - started )) -gt 30 ] && delay=1
                    sleep "$delay"
                    [ "$delay" -lt 16 ] && delay=$((delay * 2))
                  done
                  rm -f "$SUP_PID" "$APP_PID"
                }

                case "${1:-}" in
                  run) loop ;;
                  start)
                    if alive "$SUP_PID"; then echo "already running (supervisor $(cat "$SUP_PID"))"; exit 0; fi
                    mkdir -p "$RUN" "$APP_ROOT/log"
                    rm -f "$STOPPED"
                    setsid "$0" run </dev/null >>"$LOG" 2>&1 &
                    i=0; while [ ! -s "$APP_PID" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
                    echo "started (supervisor $(cat "$SUP_PID" 2>/dev/null), app $(cat "$APP_PID" 2>/dev/null))" ;;
                  stop)
                    if ! alive "$SUP_PID"; then echo "not running"; exit 0; fi
                    pid=$(cat "$SUP_PID"); t0=$(now)
                    kill -TERM "$pid"
                    deadline=$(( t0 + STOP_TIMEOUT + 10 ))
                    while kill -0 "$pid" 2>/dev/null && [ "$(now)" -lt "$deadline" ]; do sleep 0.05; done
                    if kill -0 "$pid" 2>/dev/null; then echo "supervisor $pid did not stop" >&2; exit 1; fi
                    echo "stopped: $(cat "$STOPPED" 2>/dev/null || echo unknown) in $(( $(now) - t0 ))s" ;;
                  restart) "$0" stop && "$0" start ;;
                  status)
                    if alive "$SUP_PID"; then echo "running (supervisor $(cat "$SUP_PID"), app $(cat "$APP_PID" 2>/dev/null))"; exit 0; fi
                    echo "stopped"; exit 3 ;;
                  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
                esac
                """).formatted(Shell.quote(layout.root()), Shell.quote(layout.asCurrentUser() ? "" : layout.user()), stopTimeoutSeconds,
                        Shell.quote(SERVICE_PATH))
                .getBytes(StandardCharsets.UTF_8);
    }
}
