package dev.orrery.adopt;

import dev.orrery.adopt.conf.ConfSyntaxException;
import dev.orrery.adopt.conf.Directive;
import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.model.BalancerKind;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a balancer host runs, over its SSH connection: which balancer (nginx or HAProxy),
 * the file its running master was started with, and the configuration — {@code nginx -T} (every
 * included file, as nginx reads them) or {@code haproxy.cfg}. When nginx refuses to load its own
 * files (for example the check module's lines on a stock nginx) they are read as written, and
 * the warning says what nginx said.
 */
public final class BalancerReader {
    static final String NGINX_CONF = "/etc/nginx/nginx.conf";
    static final String HAPROXY_CFG = "/etc/haproxy/haproxy.cfg";
    private static final int MAX_INCLUDE_ROUNDS = 16;

    private final Host host;
    private final Progress progress;

    public BalancerReader(Host host, Progress progress) {
        this.host = host;
        this.progress = progress;
    }

    /**
     * @param kind   the balancer to read, or null to find out
     * @param config the main configuration file, or null for the one the running balancer uses
     */
    public LiveBalancer read(BalancerKind kind, String config) throws RemoteException, ImportException {
        BalancerKind k = kind != null ? kind : detect();
        return k == BalancerKind.NGINX ? nginx(config) : haproxy(config);
    }

    private BalancerKind detect() throws RemoteException, ImportException {
        progress.step("Find the balancer on " + host.name());
        String out = host.exec(AdoptCommands.whichBalancer(), progress::log).output();
        if (out.contains("running nginx")) {
            return BalancerKind.NGINX;
        }
        if (out.contains("running haproxy")) {
            return BalancerKind.HAPROXY;
        }
        if (out.contains("installed nginx")) {
            return BalancerKind.NGINX;
        }
        if (out.contains("installed haproxy")) {
            return BalancerKind.HAPROXY;
        }
        throw new ImportException(host.name() + " has neither nginx nor haproxy: it is not a balancer Orrery can read");
    }

    private LiveBalancer nginx(String given) throws RemoteException, ImportException {
        progress.step("Read the nginx configuration on " + host.name());
        String v = host.exec(dev.orrery.proxy.BalancerFeatures.detectCommand(), dev.orrery.remote.LineListener.IGNORE).output();
        BalancerFeatures features = BalancerFeatures.fromNginxV(v);
        String config = given != null ? given : runningConfig("/run/nginx.pid", "-c", confPath(v));
        List<String> warnings = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        ExecResult dump = host.exec(AdoptCommands.nginxDump(config), lines::add);
        try {
            NginxConf conf;
            String source;
            if (dump.ok() && !lines.isEmpty()) {
                conf = NginxConf.fromDump(String.join("\n", lines) + "\n");
                source = "nginx -T -c " + config;
            } else {
                String why = host.exec(AdoptCommands.nginxTest(config), dev.orrery.remote.LineListener.IGNORE).output().strip();
                warnings.add("nginx on " + host.name() + " will not load " + config + " (" + lastLine(why) + "); the files were read as written"
                        + (why.contains("unknown directive \"check") ? ": these are nginx_upstream_check_module's lines, which this nginx lacks" : ""));
                conf = filesAsWritten(config);
                source = "the files as written (nginx -t refused them)";
            }
            progress.log("read " + conf.files().size() + " file(s) with " + source);
            return new LiveBalancer(BalancerKind.NGINX, config, conf.files().get(conf.mainFile()), conf, null, features, source, warnings);
        } catch (ConfSyntaxException e) {
            throw new ImportException("the nginx configuration on " + host.name() + " does not parse: " + e.getMessage(), e);
        }
    }

    private LiveBalancer haproxy(String given) throws RemoteException, ImportException {
        progress.step("Read the HAProxy configuration on " + host.name());
        String config = given != null ? given : runningConfig("/run/haproxy.pid", "-f", HAPROXY_CFG);
        List<String> lines = new ArrayList<>();
        ExecResult r = host.exec(AdoptCommands.cat(config), lines::add);
        if (!r.ok()) {
            throw new ImportException("cannot read " + config + " on " + host.name() + ": " + r.output());
        }
        String text = String.join("\n", lines) + "\n";
        try {
            return new LiveBalancer(BalancerKind.HAPROXY, config, text, null, HaproxyConf.parse(config, text), BalancerFeatures.STOCK,
                    "cat " + config, List.of());
        } catch (ConfSyntaxException e) {
            throw new ImportException("the HAProxy configuration on " + host.name() + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The file the running master was started with ({@code -c}/{@code -f}), else the default. */
    private String runningConfig(String pidFile, String flag, String fallback) throws RemoteException {
        List<String> args = new ArrayList<>();
        if (host.exec(AdoptCommands.masterCommandLine(pidFile), args::add).ok()) {
            for (int i = 0; i + 1 < args.size(); i++) {
                if (args.get(i).equals(flag)) {
                    return args.get(i + 1);
                }
            }
            // nginx writes its master's title over argv: "nginx: master process /usr/sbin/nginx -c FILE"
            for (String a : args) {
                int at = a.indexOf(" " + flag + " ");
                if (at >= 0) {
                    return a.substring(at + flag.length() + 2).split(" ")[0];
                }
            }
        }
        return fallback;
    }

    private static String confPath(String nginxV) {
        int at = nginxV.indexOf("--conf-path=");
        if (at < 0) {
            return NGINX_CONF;
        }
        return nginxV.substring(at + "--conf-path=".length()).split("\\s")[0];
    }

    /** The main file and, round by round, every file its includes name (globs expanded on the host, as nginx would). */
    private NginxConf filesAsWritten(String config) throws RemoteException, ImportException, ConfSyntaxException {
        Map<String, String> files = new LinkedHashMap<>(fetch(config));
        if (!files.containsKey(config)) {
            throw new ImportException("cannot read " + config + " on " + host.name());
        }
        Set<String> asked = new LinkedHashSet<>(List.of(config));
        for (int round = 0; round < MAX_INCLUDE_ROUNDS; round++) {
            NginxConf conf = NginxConf.of(config, files.get(config), files);
            List<String> patterns = new ArrayList<>();
            includes(conf.root(), patterns);
            boolean more = false;
            for (String p : patterns) {
                String abs = p.startsWith("/") ? p : conf.mainFile().substring(0, conf.mainFile().lastIndexOf('/') + 1) + p;
                if (asked.add(abs)) {
                    fetch(abs).forEach(files::putIfAbsent);
                    more = true;
                }
            }
            if (!more) {
                return conf;
            }
        }
        throw new ImportException("includes on " + host.name() + " nest deeper than " + MAX_INCLUDE_ROUNDS + " levels");
    }

    private Map<String, String> fetch(String pattern) throws RemoteException {
        List<String> lines = new ArrayList<>();
        host.exec(AdoptCommands.filesLikeNginxDump(pattern), lines::add);
        return NginxConf.splitDump(String.join("\n", lines) + "\n");
    }

    private static void includes(List<Directive> ds, List<String> out) {
        for (Directive d : ds) {
            if (d.name().equals("include") && !d.args().isEmpty()) {
                out.add(d.arg(0));
            }
            if (d.isBlock()) {
                includes(d.block(), out);
            }
        }
    }

    /** nginx's reason, without its time stamp and process id: "unknown directive "check" in FILE:LINE". */
    static String lastLine(String s) {
        List<String> l = s.lines().filter(x -> !x.isBlank()).toList();
        String line = l.isEmpty() ? "no message" : l.get(l.size() - 1).contains("test failed") && l.size() > 1 ? l.get(l.size() - 2) : l.get(l.size() - 1);
        return line.replaceFirst("^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[(emerg|alert|crit|error)\\] \\d+#\\d+: ", "")
                .replaceFirst("^nginx: \\[(emerg|alert|crit|error)\\] ", "");
    }
}
