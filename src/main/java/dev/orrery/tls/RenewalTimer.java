package dev.orrery.tls;

import dev.orrery.model.BalancerKind;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * Puts {@link RenewalScript}'s files on the balancer and checks them: the script and dehydrated's
 * configuration parse, dehydrated is there, the account answers (dehydrated registers the same
 * key, which the CA maps to the same account), and the schedule is set: a systemd timer where
 * systemd runs, a cron line elsewhere. {@link #remove} takes it all away again (renewals go back
 * to Orrery).
 */
final class RenewalTimer {
    private final Host host;
    private final RenewalScript files;
    private final BalancerKind kind;

    RenewalTimer(Host host, RenewalScript files, BalancerKind kind) {
        this.host = host;
        this.files = files;
        this.kind = kind;
    }

    /** Returns what now runs the renewals, in words. */
    String install(KeyPair account, Path extraTrust, Progress progress) throws TlsException, RemoteException {
        RenewalScript.Paths p = files.paths();
        String need = "dehydrated openssl curl bash";
        ExecResult has = host.exec(Command.of("sh", "-c", "for c in $1; do command -v \"$c\" >/dev/null || echo \"missing $c\"; done", "sh", need),
                LineListener.IGNORE);
        if (has.output().contains("missing")) {
            throw new TlsException(TlsStep.TIMER, "renewals on the balancer need " + has.output().strip().replace("missing ", "").replace('\n', ' ')
                    + " on " + host.name() + " (apt-get install dehydrated openssl curl); renewals stay with Orrery", false, null);
        }
        host.run(Command.of("sh", "-c", "umask 077 && mkdir -p \"$1\" \"$1/dehydrated\" \"$2\" && chmod 0700 \"$1\" && chmod 0755 \"$2\"",
                "sh", p.dir(), files.challengeDir()), progress::log); // dehydrated insists its WELLKNOWN folder exists
        host.write(AccountKeys.pem(account), p.account(), 0600);
        host.write(files.dehydratedConfig(), p.config(), 0600);
        host.write(files.script(), p.script(), 0700);
        if (kind == BalancerKind.HAPROXY) {
            host.write(files.hook(), p.hook(), 0700);
        }
        if (extraTrust != null) {
            try {
                host.write(Files.readAllBytes(extraTrust), p.trust(), 0644);
            } catch (java.io.IOException e) {
                throw new TlsException(TlsStep.TIMER, "cannot read the extra ACME roots " + extraTrust + ": " + e.getMessage(), false, e);
            }
        }
        check(Command.of("sh", "-n", p.script()), "the renewal script does not parse");
        check(Command.of("bash", "-n", p.config()), "dehydrated's configuration does not parse");
        progress.log("renewal script and dehydrated configuration written to " + p.dir());

        StringBuilder reg = new StringBuilder();
        ExecResult r = host.exec(Command.of("dehydrated", "--config", p.config(), "--register", "--accept-terms", "--privkey", p.account()),
                l -> reg.append(l).append('\n'));
        if (!r.ok()) {
            throw new TlsException(TlsStep.TIMER, "dehydrated on " + host.name() + " could not use Orrery's ACME account: "
                    + last(reg.toString()), false, null);
        }
        progress.log("dehydrated on " + host.name() + " uses Orrery's ACME account");

        if (host.exec(BalancerCommands.systemdBooted(), LineListener.IGNORE).ok()) {
            host.write(files.serviceUnit(), p.unitDir() + "/" + p.service(), 0644);
            host.write(files.timerUnit(), p.unitDir() + "/" + p.timer(), 0644);
            StringBuilder v = new StringBuilder();
            ExecResult verify = host.exec(Command.of("sh", "-c", "! command -v systemd-analyze >/dev/null || systemd-analyze verify \"$1\" \"$2\"",
                    "sh", p.unitDir() + "/" + p.service(), p.unitDir() + "/" + p.timer()), l -> v.append(l).append('\n'));
            if (!verify.ok()) {
                throw new TlsException(TlsStep.TIMER, "systemd-analyze verify refused the renewal units: " + last(v.toString()), false, null);
            }
            host.run(Command.of("systemctl", "daemon-reload"), progress::log);
            host.run(Command.of("systemctl", "enable", "--now", p.timer()), progress::log);
            return "the systemd timer " + p.timer() + " on " + host.name() + " (daily)";
        }
        host.write(files.cronLine(), p.cronFile(), 0644);
        boolean cron = host.exec(Command.of("sh", "-c", "command -v cron >/dev/null || command -v crond >/dev/null"), LineListener.IGNORE).ok();
        String where = "the cron line " + p.cronFile() + " on " + host.name() + " (daily; systemd does not run there)";
        if (!cron) {
            progress.log("warning: no cron daemon found on " + host.name() + "; " + p.cronFile() + " is written but nothing runs it"
                    + " until cron is installed (apt-get install cron)");
            return where + ", but no cron daemon runs there yet";
        }
        return where;
    }

    /** Takes the schedule and the files away (the account key with them); says whether there was anything. */
    boolean remove(Progress progress) throws RemoteException {
        RenewalScript.Paths p = files.paths();
        String script = "had=no; "
                + "if test -d /run/systemd/system && test -e \"$3/$4\"; then systemctl disable --now \"$4\" >/dev/null 2>&1; had=yes; fi; "
                + "for f in \"$3/$4\" \"$3/$5\" \"$2\"; do if test -e \"$f\"; then rm -f \"$f\"; had=yes; fi; done; "
                + "if test -d \"$1\"; then rm -rf \"$1\"; had=yes; fi; "
                + "if test -d /run/systemd/system; then systemctl daemon-reload >/dev/null 2>&1 || true; fi; echo \"removed=$had\"";
        String out = host.run(Command.of("sh", "-c", script, "sh", p.dir(), p.cronFile(), p.unitDir(), p.timer(), p.service())
                .describedAs("remove the balancer's renewal timer"), progress::log).output();
        return out.contains("removed=yes");
    }

    private void check(Command c, String what) throws TlsException, RemoteException {
        StringBuilder out = new StringBuilder();
        if (!host.exec(c, l -> out.append(l).append('\n')).ok()) {
            throw new TlsException(TlsStep.TIMER, what + ": " + last(out.toString()), false, null);
        }
    }

    private static String last(String output) {
        String[] lines = output.strip().split("\n");
        int from = Math.max(0, lines.length - 4);
        return String.join(" ", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
    }
}
