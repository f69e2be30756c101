package dev.orrery.deploy;

import dev.orrery.model.Rules;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * "Upload once, fan out privately": the release goes from this machine (the laptop, behind a slow
 * uplink) to one app server, the source; the other app servers fetch it from the source over the
 * private network and check its SHA-256 before anything is installed.
 *
 * <p>How: the source serves the one uploaded file with a tiny single-file HTTP listener
 * ({@code python3}, on every Ubuntu/Debian droplet: cloud-init needs it) bound to its private
 * address only, on {@link #PORT}. Each fetcher runs {@code curl} against it and verifies the file.
 *
 * <p>Threat model, and why this and not SSH between servers:
 * <ul>
 *   <li><b>No key on any server.</b> Server-to-server SSH would need a private key (or a forwarded
 *       agent, usable by anyone root on that server for as long as it is forwarded). Here the only
 *       secret is a 256-bit random token, made fresh for each rollout, that opens nothing but this
 *       one file for this one listener's life.</li>
 *   <li><b>Integrity does not rest on the network or the source.</b> The SHA-256 each fetcher checks
 *       comes from this machine over the fetcher's own SSH session, computed from the bundle here.
 *       Anyone who can alter packets on the private network, or even runs the source, can at most
 *       make the fetch fail — and a failed fetch falls back to a direct upload.</li>
 *   <li><b>Confidentiality.</b> A release can hold code and settings the owner does not publish. The
 *       listener binds the source's private address only (never a public one), answers only the
 *       exact path {@code /TOKEN} (compared in constant time; anything else gets 403), and is short
 *       lived: it is stopped as soon as the fetches are done and exits by itself after
 *       {@link #LIFE} in any case (if this machine dies mid-rollout). The token travels only over SSH
 *       and rests only in 0600 files in root-only directories, read and deleted at once; it is never
 *       on a command line (where {@code ps} would show it). The transfer itself is plain HTTP on the
 *       private network: someone already sniffing that network during those seconds could read the
 *       release, as they could read the app's own unencrypted private traffic — acceptable for a
 *       VPC that is the account's own; where that is not acceptable, turn fan-out off
 *       ({@code --no-fan-out}).</li>
 *   <li><b>Least privilege.</b> The listener opens the file and binds the port as root, then drops to
 *       {@code nobody} before it accepts a single connection.</li>
 * </ul>
 * Orrery's own firewalls ({@code orrery firewall}) open this port between the cluster's app servers
 * only. A firewall that closes it anyway drops the fetch; the fetch then times out after {@link #CONNECT_TIMEOUT_SECONDS} s and every server gets a
 * direct upload, which the deploy log says.
 */
final class FanOut {
    /** The listener's port on the source's private address. Fixed so a firewall rule can name it. */
    static final int PORT = dev.orrery.model.PrivatePorts.FAN_OUT;
    /** The listener exits by itself after this, whatever happens to this machine. */
    static final Duration LIFE = Duration.ofMinutes(15);
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The source's file being served: its URL's address and the token that opens it. */
    record Share(ServerTarget source, String address, String token, String file) {
        @Override
        public String toString() {
            return source.name() + " (" + address + ":" + PORT + ")"; // never the token
        }
    }

    private FanOut() {
    }

    /** Where the source keeps the upload while it is served (a hard link: {@link ReleaseCommands#finish} removes the upload). */
    static String sharedFile(AppLayout layout, String id) {
        AppLayout.requireId(id);
        return layout.incoming() + "/" + id + ".share";
    }

    /** Keeps the source's uploaded release for serving (run after its verified upload, before it is finished). */
    static Command keep(AppLayout layout, String id) {
        return Command.of("ln", "-f", layout.upload(id), sharedFile(layout, id)).describedAs("keep " + id + " to serve to the other app servers");
    }

    /**
     * Starts the listener on {@code source} for its kept upload of {@code id}; returns the share, or
     * throws saying why it cannot serve (no python3, the port taken, no private IPv4 address).
     */
    static Share serve(ServerTarget source, String id) throws RemoteException {
        String address = source.server.internalAddress();
        if (Rules.ipv4(address).isPresent()) {
            throw new IllegalStateException(source.name() + " has no IPv4 private address to serve from (" + address + ")");
        }
        AppLayout layout = source.commands.layout();
        String token = token();
        String tokenFile = layout.runDir() + "/fanout.token";
        source.host.write(token.getBytes(StandardCharsets.UTF_8), tokenFile, 0600);
        ExecResult started = source.host.exec(ReleaseCommands.script("serve " + id + " on " + address + ":" + PORT, START,
                layout.root(), address, Integer.toString(PORT), sharedFile(layout, id), tokenFile,
                Long.toString(LIFE.toSeconds()), LISTENER), LineListener.IGNORE);
        if (!started.ok()) {
            source.host.exec(Command.of("rm", "-f", tokenFile), LineListener.IGNORE);
            throw new IllegalStateException(source.name() + " cannot serve the release: "
                    + started.output().lines().reduce((a, b) -> b).orElse("exit " + started.exitCode()));
        }
        return new Share(source, address, token, sharedFile(layout, id));
    }

    /**
     * Has {@code target} fetch the shared release into its upload path and verify it against
     * {@code sha256}. True when it is there and verified; false (the reason logged) otherwise, and
     * then nothing of it is left on the target.
     */
    static boolean fetch(ServerTarget target, Share share, String id, String sha256, Progress progress) {
        String who = target.name() + ": ";
        AppLayout layout = target.commands.layout();
        String config = layout.incoming() + "/" + id + ".fetch.conf";
        try {
            // curl reads the URL from a 0600 file: the token never shows in a process list
            String url = "url = \"http://" + share.address() + ":" + PORT + "/" + share.token() + "\"\n";
            target.host.write(url.getBytes(StandardCharsets.UTF_8), config, 0600);
            ExecResult r = target.host.exec(ReleaseCommands.script("fetch " + id + " from " + share.source().name(), FETCH,
                    config, layout.upload(id), sha256, Integer.toString(CONNECT_TIMEOUT_SECONDS)), LineListener.IGNORE);
            if (r.ok()) {
                return true;
            }
            progress.log(who + "fetching the release from " + share + " failed (" + r.output().strip().lines().reduce((a, b) -> b).orElse("exit " + r.exitCode())
                    + "); uploading it directly from this machine instead");
            return false;
        } catch (RemoteException | RuntimeException e) {
            progress.log(who + "fetching the release from " + share + " failed (" + ServerSwitch.reason(e) + "); uploading it directly from this machine instead");
            return false;
        }
    }

    /** Stops the listener and removes the served file; failures are logged, never thrown (the deploy goes on). */
    static void stop(Share share, Progress progress) {
        try {
            share.source().host.exec(ReleaseCommands.script("stop serving the release", STOP,
                    share.source().commands.layout().root(), share.file()), LineListener.IGNORE);
        } catch (RemoteException | RuntimeException e) {
            progress.log(share.source().name() + ": could not stop the release listener (it exits by itself within "
                    + LIFE.toMinutes() + " minutes): " + ServerSwitch.reason(e));
        }
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Starts the listener in its own session and waits until it listens (or says why not). */
    private static final String START = """
            root=$1; addr=$2; port=$3; file=$4; tok=$5; life=$6; prog=$7
            pidf="$root/run/fanout.pid"; log="$root/log/fanout.log"
            if [ -s "$pidf" ]; then kill "$(cat "$pidf")" 2>/dev/null; rm -f "$pidf"; fi
            command -v python3 >/dev/null 2>&1 || { rm -f "$tok"; echo "python3 is not installed"; exit 4; }
            [ -f "$file" ] || { rm -f "$tok"; echo "no kept upload to serve"; exit 4; }
            : >"$log"
            setsid python3 -c "$prog" "$addr" "$port" "$file" "$tok" "$life" </dev/null >>"$log" 2>&1 &
            pid=$!
            echo $pid >"$pidf"
            i=0
            until grep -q '^listening' "$log"; do
              if ! kill -0 $pid 2>/dev/null || [ $i -ge 100 ]; then
                kill $pid 2>/dev/null; rm -f "$tok" "$pidf"; tail -n 1 "$log"; exit 5
              fi
              i=$((i + 1)); sleep 0.1
            done
            """;

    private static final String STOP = """
            pidf="$1/run/fanout.pid"
            if [ -s "$pidf" ]; then kill "$(cat "$pidf")" 2>/dev/null; fi
            rm -f "$pidf" "$2" "$1/run/fanout.token"
            exit 0
            """;

    /** Fetches with curl (URL from the config file), checks the SHA-256, and only then renames it into place. */
    private static final String FETCH = """
            conf=$1; out=$2; sha=$3; ct=$4; part="$2.fetch"
            rm -f "$part"
            if ! curl -sS --fail --connect-timeout "$ct" --max-time 1800 -K "$conf" -o "$part" 2>"$part.err"; then
              rm -f "$conf" "$part"; tail -n 1 "$part.err"; rm -f "$part.err"; exit 4
            fi
            rm -f "$conf" "$part.err"
            got=$(sha256sum "$part" | cut -d' ' -f1)
            if [ "$got" != "$sha" ]; then rm -f "$part"; echo "SHA-256 mismatch: got $got, expected $sha"; exit 3; fi
            mv -f "$part" "$out"
            """;

    /**
     * The listener: one file, one path ({@code /TOKEN}), bound to one address; root only until the
     * file is open and the port bound. Arguments: address, port, file, token file, life in seconds.
     */
    private static final String LISTENER = """
            import hmac, http.server, os, sys, threading
            addr, port, path, tokfile, life = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
            with open(tokfile) as f: want = ("/" + f.read().strip()).encode()
            os.unlink(tokfile)
            fd = os.open(path, os.O_RDONLY)
            size = os.fstat(fd).st_size
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    if not hmac.compare_digest(self.path.encode(), want):
                        self.send_error(403); return
                    self.send_response(200)
                    self.send_header("Content-Length", str(size)); self.send_header("Content-Type", "application/octet-stream")
                    self.end_headers()
                    off = 0
                    while off < size:
                        b = os.pread(fd, 1 << 20, off)
                        if not b: break
                        self.wfile.write(b); off += len(b)
                def log_message(self, fmt, *args):
                    pass  # the request line holds the token: log who and what happened, never the path
                def log_request(self, code="-", size="-"):
                    print(self.client_address[0], code, flush=True)
            class S(http.server.ThreadingHTTPServer):
                daemon_threads = True
            s = S((addr, port), H)
            if os.getuid() == 0:
                os.setgroups([]); os.setgid(65534); os.setuid(65534)
            threading.Timer(life, lambda: os._exit(0)).start()
            print("listening", flush=True)
            s.serve_forever()
            """;
}
