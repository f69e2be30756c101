package dev.orrery.deploy;

import dev.orrery.model.Rules;
import dev.orrery.remote.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands that build and switch releases on an app server, as data. Multi-step ones are a
 * constant sh script with the values passed as positional arguments ({@code sh -c SCRIPT orrery
 * ARG…}), so no value is ever pasted into shell text.
 */
public final class ReleaseCommands {
    private final AppLayout layout;

    public ReleaseCommands(AppLayout layout) {
        this.layout = layout;
    }

    public AppLayout layout() {
        return layout;
    }

    static Command script(String description, String script, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", script, "orrery"));
        all.addAll(List.of(args));
        return Command.of("sh", all).describedAs(description);
    }

    /** The user the app runs as, or "" for whoever runs the commands ({@link AppLayout#asCurrentUser}). */
    private String runUser() {
        return layout.asCurrentUser() ? "" : layout.user();
    }

    /** The app's own unprivileged system user, created when missing; never root. */
    public Command ensureUser() {
        if (layout.asCurrentUser()) {
            return Command.of("true").describedAs("the app runs as the current user (sandbox)");
        }
        return script("create user " + layout.user(), """
                set -e
                if ! id -u "$1" >/dev/null 2>&1; then
                  # Another deploy step may have made it a moment ago (hosts sharing /etc/passwd): check again.
                  useradd --system --user-group --no-create-home --home-dir "$2" --shell /usr/sbin/nologin "$1" \
                    || id -u "$1" >/dev/null
                fi
                [ "$(id -u "$1")" != 0 ] || { echo "refusing to run the app as root: user $1 has uid 0" >&2; exit 1; }
                """, layout.user(), layout.root());
    }

    /** The directory tree; env/ is the app user's alone (0700), everything else root's and read-only to the app. */
    public Command prepareDirs() {
        return script("prepare " + layout.root(), """
                set -e
                mkdir -p "$1/releases" "$1/bin" "$1/run" "$1/log" "$1/incoming" "$1/env" "$1/.npm-cache"
                chmod 755 "$1" "$1/releases" "$1/bin"
                chmod 700 "$1/run" "$1/incoming"
                [ -z "$2" ] || chown "$2:" "$1/env" "$1/.npm-cache"
                chmod 700 "$1/env"
                """, layout.root(), runUser());
    }

    /** Prints "systemd" when the host runs systemd, else "supervisor". */
    public Command detectInit() {
        return Command.trusted("if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then echo systemd; else echo supervisor; fi")
                .describedAs("detect systemd");
    }

    public Command chmod(String mode, String path) {
        return Command.of("chmod", mode, path);
    }

    /** Exits 0 when the release is already installed (a re-deploy of the same id reuses it). */
    public Command isInstalled(String id) {
        return Command.of("test", "-d", layout.release(id)).describedAs("is " + id + " installed");
    }

    /** Unpacks the uploaded file into releases/ID.tmp (nothing live changes); hashes an earlier delta verified for ID no longer apply. */
    public Command unpack(String id, DetectedRelease release) {
        if (release.kind() == dev.orrery.model.Release.Kind.JAR) {
            return script("unpack " + id, """
                    set -e
                    rm -rf "$1.tmp"; mkdir -p "$1.tmp"; rm -f "$3"
                    cp "$2" "$1.tmp/app.jar"
                    """, layout.release(id), layout.upload(id), layout.verifiedHashes(id));
        }
        return script("unpack " + id, """
                set -e
                rm -rf "$1.tmp"; mkdir -p "$1.tmp"; rm -f "$4"
                tar -xzf "$2" -C "$1.tmp" --strip-components="$3" --no-same-owner
                """, layout.release(id), layout.upload(id), Integer.toString(release.stripComponents()), layout.verifiedHashes(id));
    }

    /**
     * On a server that runs release {@code id}: the installed release directory as a tar.gz, in
     * base64, each line prefixed {@code "B "} so the stream can be told from other output.
     */
    public Command exportRelease(String id) {
        return script("export " + id, """
                set -e
                tmp=$(mktemp)
                trap 'rm -f "$tmp"' EXIT
                tar -czf "$tmp" -C "$1" "$2"
                base64 "$tmp" | sed 's/^/B /'
                """, layout.releases(), id);
    }

    /** Unpacks a release exported by {@link #exportRelease} (uploaded as ID's upload) into releases/ID.tmp. */
    public Command unpackExport(String id) {
        return script("unpack copied " + id, """
                set -e
                rm -rf "$1.tmp"; mkdir -p "$1.tmp"
                tar -xzf "$2" -C "$1.tmp" --strip-components=1 --no-same-owner
                """, layout.release(id), layout.upload(id));
    }

    /** Where the start script goes before the release is finished. */
    public String startFile(String id) {
        return layout.release(id) + ".tmp/.orrery-start";
    }

    /**
     * {@code npm install --production} in the release, run as the app's user (install scripts of
     * dependencies never run as root), with the app's own npm cache.
     */
    public Command npmInstall(String id, String dir) {
        return script("npm install --production in " + id, """
                set -e
                rel=$1; user=$2; dir=$3; root=$4
                # only npm's directory: files elsewhere may be hard links into a live release (applyDelta)
                [ -z "$user" ] || chown -R "$user:$user" "$rel.tmp/$dir"
                cd "$rel.tmp/$dir"
                # the app's own user where there is one; the current user in the sandbox
                if [ -n "$user" ]; then set -- setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups; else set --; fi
                "$@" env HOME="$root" npm_config_cache="$root/.npm-cache" npm install --production --no-audit --no-fund --loglevel=warn
                """, layout.release(id), runUser(), dir, layout.root());
    }

    /** Makes the release root-owned and read-only to the app, then gives it its final name. */
    public Command finish(String id) {
        return finish(id, null);
    }

    /**
     * Makes the release root-owned and read-only to the app, writes its manifest (every regular
     * file's SHA-256, {@link ReleaseManifest}) and gives the release its final name. The manifest
     * is what the next delta deploy reads instead of hashing this release again
     * ({@link DeltaCommands#releaseIndex}). It is made from the files as installed: hashes a delta
     * upload has just verified ({@link AppLayout#verifiedHashes}) are taken as they are, except
     * under {@code npmDir} (npm install ran there since and may have changed files); every other
     * file is hashed here. The manifest goes in place only after the release does, so a release
     * never has a manifest of files it does not hold; a release left without one is hashed by the
     * next delta deploy.
     */
    public Command finish(String id, String npmDir) {
        return script("finish " + id, """
                set -e
                [ -z "$3" ] || chown -R 0:0 "$1.tmp"
                chmod -R go-w "$1.tmp"
                chmod 755 "$1.tmp"
                mkdir -p "$4"; chmod 700 "$4"
                m="$4/$5.sha256"
                rm -f "$m"
                # best effort: a release without a manifest is hashed by the next delta deploy instead
                if (cd "$1.tmp" && find . -type f -print0 | perl -e "$8" "$6" "$7") >"$m.part"; then
                  printf '%s %s\n' "$9" "$(sha256sum <"$m.part" | cut -c1-64)" >>"$m.part"
                else
                  rm -f "$m.part"; echo "no file manifest written for $5; the next delta deploy hashes its files"
                fi
                mv -T "$1.tmp" "$1"
                [ ! -e "$m.part" ] || mv -f "$m.part" "$m"
                rm -f "$2" "$6"
                """, layout.release(id), layout.upload(id), runUser(), layout.manifests(), id, layout.verifiedHashes(id),
                npmDir == null ? "" : npmDir, ReleaseManifest.BUILD, ReleaseManifest.TRAILER);
    }

    /** The env file was just written by root; it becomes the app user's, readable by it alone. */
    public Command protectEnv(String id) {
        return script("protect " + layout.envFile(id), """
                set -e
                [ -z "$2" ] || chown "$2:" "$1"
                chmod 600 "$1"
                """, layout.envFile(id), runUser());
    }

    /** Points {@code current} at the release atomically: a new link under a temporary name, then rename(2) over the old. */
    public Command switchTo(String id) {
        AppLayout.requireId(id);
        return script("switch current to " + id, """
                set -e
                test -d "$1/releases/$2"
                ln -sfn "releases/$2" "$1/current.orrery-tmp"
                mv -T "$1/current.orrery-tmp" "$1/current"
                """, layout.root(), id);
    }

    /** Prints the live release id, or nothing before the first deploy. */
    public Command currentRelease() {
        return script("read current release", """
                if [ -L "$1/current" ]; then t=$(readlink "$1/current"); echo "${t##*/}"; fi
                """, layout.root());
    }

    /**
     * Starts a release on a spare port beside the live app, as the app's user, in its own process
     * group: the preflight. It gets no traffic; only Orrery's health probes reach it.
     */
    public Command preflightStart(String id, int port) {
        AppLayout.requireId(id);
        Rules.port(port).ifPresent(why -> {
            throw new IllegalArgumentException("preflight port " + why);
        });
        return script("preflight " + id + " on port " + port, """
                set -e
                root=$1; user=$2; pidf="$1/run/preflight.pid"; log="$1/log/preflight.log"
                if [ -s "$pidf" ]; then kill -KILL "-$(cat "$pidf")" 2>/dev/null || true; fi
                : >"$log"
                # A clean environment, as the supervisor gives the app (see Scripts.supervisor).
                if [ -n "$user" ]; then set -- setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups \
                  env -i PATH="$5" HOME="$root" USER="$user" LOGNAME="$user" "$root/bin/orrery-run" "$3" "$4"
                else me=$(id -un); set -- env -i PATH="$PATH" HOME="$root" USER="$me" LOGNAME="$me" "$root/bin/orrery-run" "$3" "$4"; fi
                setsid "$@" </dev/null >>"$log" 2>&1 &
                echo $! >"$pidf"
                """, layout.root(), runUser(), id, Integer.toString(port), Scripts.SERVICE_PATH);
    }

    /** Stops the preflight (SIGTERM to its group, SIGKILL after 5 s); does nothing when none runs. */
    public Command preflightStop() {
        return script("stop preflight", """
                pidf="$1/run/preflight.pid"
                [ -s "$pidf" ] || exit 0
                pg=$(cat "$pidf")
                kill -TERM "-$pg" 2>/dev/null
                i=0; while kill -0 "-$pg" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
                kill -KILL "-$pg" 2>/dev/null
                rm -f "$pidf"
                exit 0
                """, layout.root());
    }

    /** Like {@link ServiceManager#liveness()}, for the preflight's process. */
    public Command preflightLiveness() {
        return script("is the preflight running", """
                p=$(cat "$1/run/preflight.pid" 2>/dev/null)
                if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo "orrery:alive $p"; else echo "orrery:dead the release exited"; fi
                """, layout.root());
    }

    /**
     * One probe ({@link #probe}) and, in the same round trip, whether the app still runs
     * ({@code liveness}); exits with curl's code. The description is the probe's.
     */
    public Command probeAlive(String address, int port, String path, int timeoutMs, Command liveness) {
        Command probe = probe(address, port, path, timeoutMs);
        if (liveness == null) {
            return probe;
        }
        return new Command("(" + probe.line() + "); c=$?; echo; (" + liveness.line() + "); exit $c", probe.description());
    }

    public Command preflightLog(int lines) {
        return Command.of("tail", "-n", Integer.toString(lines), layout.root() + "/log/preflight.log");
    }

    /**
     * Deletes all but the newest {@code keep} releases (ids sort by time), never one named in
     * {@code protect} (the live and the previous release), with their env files.
     */
    public Command prune(int keep, String... protect) {
        for (String p : protect) {
            AppLayout.requireId(p);
        }
        Rules.positive(keep, 1000).ifPresent(why -> {
            throw new IllegalArgumentException("releases to keep " + why);
        });
        List<String> args = new ArrayList<>(List.of(layout.root(), Integer.toString(keep)));
        args.addAll(List.of(protect));
        return script("prune releases (keep " + keep + ")", """
                set -e
                root=$1; keep=$2; shift 2
                ls -1 "$root/releases" | grep -v '\\.tmp$' | sort -r | tail -n +$((keep + 1)) | while read -r id; do
                  skip=0; for p in "$@"; do [ "$id" = "$p" ] && skip=1; done
                  if [ "$skip" = 0 ]; then rm -rf -- "$root/releases/$id" "$root/env/$id.env" "$root/manifests/$id.sha256"; echo "removed $id"; fi
                done
                """, args.toArray(String[]::new));
    }

    /**
     * One HTTP probe of the health path from the app server itself; prints the status code
     * ("000" when nothing answered). curl's -w format is an argument like any other, quoted.
     */
    public Command probe(String address, int port, String path, int timeoutMs) {
        Rules.healthPath(path).ifPresent(why -> {
            throw new IllegalArgumentException("health path " + why);
        });
        String host = address.contains(":") ? "[" + address + "]" : address;
        String seconds = String.format(java.util.Locale.ROOT, "%.3f", timeoutMs / 1000.0);
        return Command.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", seconds,
                "http://" + host + ":" + port + path).describedAs("GET " + path + " on port " + port);
    }
}
