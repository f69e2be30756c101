package dev.orrery.tls;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Shell;

import java.nio.charset.StandardCharsets;

/**
 * The files that renew a balancer's certificate while Orrery is closed, rendered from the
 * cluster: a POSIX sh script that asks {@code dehydrated} (a packaged ACME client) to sign the
 * balancer's own certificate request with Orrery's ACME account, installs the result the same
 * reload-free way Orrery does, checks the served serial and writes the outcome where
 * {@code orrery tls status} reads it; dehydrated's configuration and (HAProxy) hook; and a daily
 * systemd timer, or a cron line where systemd does not run. Pure functions: tested as text, the
 * units by {@code systemd-analyze verify}, the script by running it on a test host.
 */
public final class RenewalScript {
    /** Renewals are checked daily at a quiet hour; the timer adds up to an hour at random, so many balancers do not ask the CA at once. */
    static final String ON_CALENDAR = "*-*-* 03:17:00";

    private final Cluster cluster;
    private final Tls tls;
    private final BalancerLayout layout;
    private final String directoryUrl;
    private final boolean extraTrust;
    private final Paths paths;

    /** Where the files live on the balancer; one folder per cluster. */
    public record Paths(String dir, String script, String config, String hook, String account, String trust, String status,
                        String unitDir, String service, String timer, String cronFile) {
        public static Paths of(String cluster) {
            String d = "/var/lib/orrery/tls/" + cluster;
            String unit = "orrery-tls-renew-" + cluster;
            return new Paths(d, d + "/renew.sh", d + "/dehydrated.conf", d + "/hook.sh", d + "/account.pem", d + "/ca.pem",
                    d + "/last-renewal", "/etc/systemd/system", unit + ".service", unit + ".timer", "/etc/cron.d/" + unit);
        }

        /** The same names under another root (tests verify units in a temp folder). */
        public Paths under(String root) {
            return new Paths(root + dir, root + script, root + config, root + hook, root + account, root + trust, root + status,
                    root + unitDir, service, timer, root + cronFile);
        }
    }

    public RenewalScript(Cluster cluster, BalancerLayout layout, String directoryUrl, boolean extraTrust, Paths paths) {
        this.cluster = cluster;
        this.tls = cluster.balancer().tls();
        this.layout = layout;
        this.directoryUrl = directoryUrl;
        this.extraTrust = extraTrust;
        this.paths = paths;
    }

    public Paths paths() {
        return paths;
    }

    /** The folder dehydrated writes http-01 tokens to (nginx serves it; HAProxy answers from the map instead). */
    public String challengeDir() {
        return layout.acmeChallengeDir();
    }

    private BalancerKind kind() {
        return cluster.balancer().kind();
    }

    public byte[] script() {
        String checkAddress = layout.localAddress();
        StringBuilder o = new StringBuilder("#!/bin/sh\n");
        o.append("# Rendered by Orrery for cluster ").append(cluster.name()).append(". Orrery replaces this file (orrery tls issue).\n");
        o.append("# Renews the balancer's certificate while Orrery is closed: daily, and only once ")
                .append(RenewalPolicy.DEFAULT.renewBefore().toDays()).append(" days or fewer are left.\n");
        o.append("# The key never leaves this host; dehydrated signs this host's request with Orrery's ACME account.\n");
        o.append("# The new certificate goes live without a reload (")
                .append(kind() == BalancerKind.NGINX ? "nginx reads it at each handshake" : "HAProxy's runtime API")
                .append("), then the served serial is checked. Run with --force to renew now.\n");
        o.append("set -u\n");
        assign(o, "KIND", kind().name().toLowerCase(java.util.Locale.ROOT));
        assign(o, "NAMES", String.join(" ", tls.certificateNames()));
        assign(o, "SERVER_NAME", tls.serverName());
        assign(o, "CERT", tls.certificatePath());
        assign(o, "KEY", tls.keyPath());
        assign(o, "STATE", paths.dir());
        assign(o, "CONFIG", paths.config());
        assign(o, "ACCOUNT", paths.account());
        assign(o, "STATUS", paths.status());
        assign(o, "RENEW_DAYS", Long.toString(RenewalPolicy.DEFAULT.renewBefore().toDays()));
        assign(o, "CHECK", checkAddress + ":" + cluster.balancer().httpsPort());
        assign(o, "BUNDLE", layout.tlsBundle() == null ? "" : layout.tlsBundle());
        assign(o, "SOCKET", layout.statsSocket() == null ? "" : layout.statsSocket());
        o.append("""

                # One line for orrery tls status: time, ok|failed, the step, what happened.
                status() {
                    printf '%s %s %s %s\\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" "$3" > "$STATUS.new" && mv -f "$STATUS.new" "$STATUS"
                }
                fail() {
                    status failed "$1" "$2"
                    echo "orrery tls renew: failed at $1: $2 (the previous certificate keeps serving)" >&2
                    exit 1
                }
                api() {
                    if command -v socat >/dev/null 2>&1; then
                        printf '%s\\n' "$1" | socat -t 5 stdio "UNIX-CONNECT:$SOCKET"
                    else
                        perl -e 'use IO::Socket::UNIX; my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die "cannot connect to $ARGV[0]: $!\\n"; print $s "$ARGV[1]\\n"; print while <$s>;' "$SOCKET" "$1"
                    fi
                }

                force=no
                [ "${1:-}" = "--force" ] && force=yes
                if [ "$force" = no ] && openssl x509 -checkend $((RENEW_DAYS * 86400)) -noout -in "$CERT" >/dev/null 2>&1 \\
                        && [ "$(openssl x509 -noout -issuer -nameopt compat -in "$CERT" | cut -d= -f2-)" != "$(openssl x509 -noout -subject -nameopt compat -in "$CERT" | cut -d= -f2-)" ]; then
                    echo "not due: $(openssl x509 -noout -enddate -in "$CERT")"
                    exit 0
                fi

                san=""
                for n in $NAMES; do san="${san:+$san,}DNS:$n"; done
                set -- $NAMES
                openssl req -new -key "$KEY" -subj "/CN=$1" -addext "subjectAltName=$san" -out "$STATE/request.csr" 2>"$STATE/openssl.log" \\
                    || fail KEY "openssl req: $(tr '\\n' ' ' < "$STATE/openssl.log")"
                if ! dehydrated --config "$CONFIG" --signcsr "$STATE/request.csr" --privkey "$ACCOUNT" > "$STATE/signed.out" 2> "$STATE/dehydrated.log"; then
                    why=$(grep -F '["error","detail"]' "$STATE/dehydrated.log" | head -n 1 | cut -f2- | sed -e 's/\\\\"/"/g' -e 's/^"//' -e 's/"$//')
                    [ -n "$why" ] || why=$(grep -v '^ + ' "$STATE/dehydrated.log" | tail -n 4 | tr '\\n' ' ' | cut -c1-300)
                    fail VALIDATION "dehydrated: $why"
                fi
                # dehydrated prints a marker line and blank lines between the certificates; HAProxy's runtime API ends a payload at a blank line.
                sed -e '/^# CERT #/d' -e '/^[[:space:]]*$/d' "$STATE/signed.out" > "$STATE/new.pem"
                a=$(openssl x509 -noout -pubkey -in "$STATE/new.pem" 2>/dev/null) && b=$(openssl pkey -pubout -in "$KEY") && [ "$a" = "$b" ] \\
                    || fail INSTALL "the signed certificate does not match the key $KEY"
                serial=$(openssl x509 -noout -serial -in "$STATE/new.pem" | cut -d= -f2)
                chmod 0644 "$STATE/new.pem"
                cp "$STATE/new.pem" "$CERT.orrery-new" && mv -f "$CERT.orrery-new" "$CERT" || fail INSTALL "cannot write $CERT"
                if [ "$KIND" = haproxy ]; then
                    (umask 077 && cat "$CERT" "$KEY" > "$BUNDLE.orrery-new" && mv -f "$BUNDLE.orrery-new" "$BUNDLE") || fail INSTALL "cannot write $BUNDLE"
                    answer=$( { printf 'set ssl cert %s <<\\n' "$BUNDLE"; sed '/^[[:space:]]*$/d' "$BUNDLE"; printf '\\n'; } | if command -v socat >/dev/null 2>&1; then
                        socat -t 5 stdio "UNIX-CONNECT:$SOCKET"; else perl -e 'use IO::Socket::UNIX; my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die "cannot connect: $!\\n"; local $/; my $in = <STDIN>; print $s $in; print while <$s>;' "$SOCKET"; fi )
                    committed=$(api "commit ssl cert $BUNDLE")
                    case "$committed" in
                        *Success!*) ;;
                        *) fail INSTALL "HAProxy's runtime API did not take the certificate: $(echo "$answer $committed" | grep -v '^ ' | tr '\\n' ' ' | cut -c1-300)" ;;
                    esac
                fi
                served=$(echo | openssl s_client -connect "$CHECK" -servername "$SERVER_NAME" 2>/dev/null | openssl x509 -noout -serial 2>/dev/null | cut -d= -f2)
                [ "$served" = "$serial" ] || fail VERIFY "the balancer serves serial ${served:-none}, not the new $serial"
                status ok VERIFY "served $serial"
                echo "renewed: serial $serial, $(openssl x509 -noout -enddate -in "$CERT")"
                """);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** dehydrated's configuration: a bash file it sources, every value quoted. */
    public byte[] dehydratedConfig() {
        StringBuilder o = new StringBuilder("# Rendered by Orrery for cluster ").append(cluster.name()).append(": dehydrated's settings.\n");
        assign(o, "CA", directoryUrl);
        assign(o, "BASEDIR", paths.dir() + "/dehydrated");
        assign(o, "WELLKNOWN", layout.acmeChallengeDir());
        assign(o, "CHALLENGETYPE", "http-01");
        assign(o, "HOOK", kind() == BalancerKind.HAPROXY ? paths.hook() : "");
        assign(o, "CURL_OPTS", extraTrust ? "--cacert " + paths.trust() : "");
        assign(o, "CONTACT_EMAIL", tls.acme().email() == null ? "" : tls.acme().email());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** HAProxy: tokens go into the map through the runtime API, as Orrery itself does (dehydrated writes the file too; nobody serves it). */
    public byte[] hook() {
        StringBuilder o = new StringBuilder("#!/bin/sh\n# Rendered by Orrery for cluster ").append(cluster.name())
                .append(": dehydrated's hook. HAProxy answers http-01 tokens from a map filled through its runtime API.\n");
        assign(o, "SOCKET", layout.statsSocket() == null ? "" : layout.statsSocket());
        assign(o, "MAP", layout.acmeMap());
        o.append("""
                api() {
                    if command -v socat >/dev/null 2>&1; then
                        printf '%s\\n' "$1" | socat -t 5 stdio "UNIX-CONNECT:$SOCKET"
                    else
                        perl -e 'use IO::Socket::UNIX; my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die "cannot connect to $ARGV[0]: $!\\n"; print $s "$ARGV[1]\\n"; print while <$s>;' "$SOCKET" "$1"
                    fi
                }
                case "${1:-}" in
                    deploy_challenge) api "add map $MAP $3 $4" ;;
                    clean_challenge) api "del map $MAP $3" ;;
                esac
                exit 0
                """);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] serviceUnit() {
        return ("""
                [Unit]
                Description=Orrery: renew the TLS certificate of cluster %s
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=oneshot
                ExecStart=%s
                """.formatted(cluster.name(), paths.script())).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] timerUnit() {
        return ("""
                [Unit]
                Description=Orrery: check the TLS certificate of cluster %s daily

                [Timer]
                OnCalendar=%s
                RandomizedDelaySec=3600
                Persistent=true

                [Install]
                WantedBy=timers.target
                """.formatted(cluster.name(), ON_CALENDAR)).getBytes(StandardCharsets.UTF_8);
    }

    /** Where systemd does not run: the same daily check from cron. */
    public byte[] cronLine() {
        return ("# Rendered by Orrery for cluster " + cluster.name() + ": the daily TLS renewal check (no systemd on this host).\n"
                + "17 3 * * * root " + paths.script() + " >> /var/log/orrery-tls-renew-" + cluster.name() + ".log 2>&1\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void assign(StringBuilder o, String name, String value) {
        o.append(name).append('=').append(value.isEmpty() ? "''" : Shell.quote(value)).append('\n');
    }
}
