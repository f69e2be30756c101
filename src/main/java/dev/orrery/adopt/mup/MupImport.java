package dev.orrery.adopt.mup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.adopt.ImportException;
import dev.orrery.adopt.ImportItem;
import dev.orrery.adopt.ImportResult;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.Problem;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Meteor Up configuration read into a cluster: its servers (address, SSH user, key, port), the
 * app's name, port and environment ({@code ROOT_URL}, {@code MONGO_URL}, {@code MONGO_OPLOG_URL},
 * the rest), {@code METEOR_SETTINGS} from settings.json, and for 1.x the mongo servers and the
 * proxy's stickiness and upload limit. Every option gets an {@link ImportItem}: mapped, or not
 * mapped with the reason.
 */
public final class MupImport {

    /** @param settings settings.json for METEOR_SETTINGS; null: the one beside the mup file, if any */
    public record Options(Path settings) {
    }

    final String file;
    final List<ImportItem> items = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, Server> servers = new LinkedHashMap<>();
    final Map<String, String> env = new TreeMap<>();
    final List<KeptDirective> kept = new ArrayList<>();
    String appName;
    Integer port;
    Stickiness stickiness = Stickiness.IP_HASH;

    private MupImport(Path file) {
        this.file = file.getFileName().toString();
    }

    public static ImportResult read(MupFile mup, Options options) throws ImportException {
        MupImport i = new MupImport(mup.path());
        if (mup.legacy()) {
            new MupLegacy(i).read(mup.root());
        } else {
            new MupOne(i).read(mup.root());
        }
        i.settings(mup.path(), options.settings());
        return i.finish();
    }

    // ---- shared by both generations ----

    void mapped(String what, String detail) {
        items.add(ImportItem.mapped(file, what, detail));
    }

    void notMapped(String what, String why) {
        items.add(ImportItem.notMapped(file, what, why));
    }

    void refused(String what, String why) {
        items.add(ImportItem.refused(file, what, why));
    }

    /** One mup server object: host, username, pem / password, the SSH port. */
    Server server(String at, String name, Role role, JsonNode s) {
        String host = s.path("host").asText(null);
        if (host == null || Rules.address(host).isPresent()) {
            refused(at, "its host " + (host == null ? "is missing" : Rules.address(host).get()) + "; the server is not imported");
            return null;
        }
        Server server = Server.of(name, role, host).withAddresses(host, null);
        String user = "root";
        String key = "agent";
        int sshPort = 22;
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String what = at + "." + f.getKey();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "host" -> mapped(what, name + ".publicAddress = " + host);
                case "username" -> {
                    if (Rules.unixUser(v.asText()).isPresent()) {
                        refused(what, "not a user name SSH can log in as: " + Rules.unixUser(v.asText()).get() + "; root is used");
                    } else {
                        user = v.asText();
                        mapped(what, name + ".sshUser = " + user);
                    }
                }
                case "pem" -> {
                    if (Rules.keyReference(v.asText()).isPresent()) {
                        refused(what, name + ".sshKey " + Rules.keyReference(v.asText()).get() + "; the ssh-agent is used");
                    } else {
                        key = v.asText();
                        mapped(what, name + ".sshKey = " + key);
                    }
                }
                case "password" -> notMapped(what, "Orrery logs in with SSH keys only (a key file or the ssh-agent); put your public key on "
                        + host + " (ssh-copy-id) — " + name + " uses the ssh-agent until then");
                case "sshOptions", "opts" -> sshPort = sshOptions(what, name, v, sshPort);
                case "env" -> perServerEnv(what, v);
                default -> notMapped(what, "not a Meteor Up server option Orrery knows");
            }
        }
        return server.withSsh(user, sshPort, key);
    }

    private int sshOptions(String at, String name, JsonNode v, int current) {
        int port = current;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("port") && f.getValue().canConvertToInt() && Rules.port(f.getValue().asInt()).isEmpty()) {
                port = f.getValue().asInt();
                mapped(at + ".port", name + ".sshPort = " + port);
            } else {
                notMapped(at + "." + f.getKey(), "Orrery's SSH takes the port from the cluster file; other SSH options come from its own settings");
            }
        }
        return port;
    }

    void perServerEnv(String at, JsonNode v) {
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            notMapped(at + "." + it.next(), "Orrery gives every app server the same environment; add it to app.environment if it holds for all");
        }
    }

    /** The app's environment: PORT becomes app.port; Orrery's own keys are left to Orrery; the rest is kept as text. */
    void env(String at, JsonNode v) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            String what = at + "." + k;
            JsonNode val = f.getValue();
            String text = val.isTextual() ? val.asText() : val.isNull() ? null : val.toString();
            if (k.equals("PORT")) {
                if (val.canConvertToInt() || (text != null && text.matches("\\d{1,5}"))) {
                    int p = Integer.parseInt(text);
                    if (Rules.port(p).isEmpty()) {
                        port = p;
                        mapped(what, "app.port = " + p + " (the port the balancer sends requests to)");
                        continue;
                    }
                }
                refused(what, "not a port: " + text);
            } else if (MupReasons.ENV.containsKey(k)) {
                notMapped(what, MupReasons.ENV.get(k));
            } else if (text == null) {
                notMapped(what, "empty (null): nothing to set");
            } else if (Rules.envKey(k).isPresent() || Rules.envValue(text).isPresent()) {
                refused(what, Rules.envKey(k).map(m -> "the name " + m).orElseGet(() -> "the value " + Rules.envValue(text).get()));
            } else {
                env.put(k, text);
                mapped(what, "app.environment." + k);
            }
        }
    }

    void appName(String at, String raw) {
        String n = raw.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (n.isEmpty() || Rules.name(n).isPresent() || Rules.unixUser(n).isPresent()) {
            refused(at, "\"" + raw + "\" cannot become an app name (a lower-case name that is also the app's unix user)");
            return;
        }
        appName = n;
        mapped(at, "app.name = " + n + (n.equals(raw) ? "" : " (from \"" + raw + "\": Orrery's app name is also its unix user, so lower-case)"));
    }

    private void settings(Path mupFile, Path given) throws ImportException {
        Path f = given != null ? given : mupFile.toAbsolutePath().getParent().resolve("settings.json");
        if (given == null && !Files.isRegularFile(f)) {
            return;
        }
        if (!Files.isRegularFile(f)) {
            throw new ImportException("no settings file at " + f);
        }
        String json = MupFile.settings(f);
        if (env.containsKey("METEOR_SETTINGS")) {
            items.removeIf(i -> i.what().endsWith(".METEOR_SETTINGS") && i.outcome() == ImportItem.Outcome.MAPPED);
            items.add(ImportItem.replaced(file, "env.METEOR_SETTINGS", "settings from " + f.getFileName() + " take its place, as mup deploy does"));
        }
        env.put("METEOR_SETTINGS", json);
        items.add(ImportItem.mapped(f.getFileName().toString(), "settings.json", "app.environment.METEOR_SETTINGS (" + json.length()
                + " characters" + (given == null ? ", found beside " + mupFile.getFileName() : "") + ")"));
    }

    private ImportResult finish() throws ImportException {
        if (appName == null) {
            throw new ImportException(file + " names no app (appName, or app.name in mup.js)");
        }
        if (servers.values().stream().noneMatch(s -> s.role() == Role.APP)) {
            throw new ImportException(file + " has no server to deploy the app to");
        }
        if (port == null) {
            port = 80;
            notes.add("no PORT in the environment: the app answers on mup's default port, 80");
        }
        String mongo = env.get("MONGO_URL");
        if (mongo != null && (mongo.contains("//localhost") || mongo.contains("//127.0.0.1"))) {
            notes.add("MONGO_URL names localhost: each app server would use its own database (mup's setupMongo); the servers of a "
                    + "cluster must share one, so point MONGO_URL at it");
        }
        if (!env.containsKey("MONGO_URL")) {
            notes.add("no MONGO_URL: the app had mup's own MongoDB; set app.environment.MONGO_URL to your database's private address");
        }
        notes.add("the balancer is not in a mup file: add it with orrery import balancer CLUSTER.json --host ADDRESS, which also reads "
                + "the servers' private addresses from its upstream");
        Balancer b = new Balancer(dev.orrery.model.BalancerKind.NGINX, stickiness, null, null, 80, 443, List.of(), kept);
        Cluster c = new Cluster(appName, new AppSpec(appName, port, env, List.of()), b, List.copyOf(servers.values()));
        List<Problem> problems = ClusterValidator.validate(c);
        if (!problems.isEmpty()) {
            throw new ImportException("the imported cluster is not valid: " + problems.stream().map(p -> p.field() + " " + p.message()).toList());
        }
        return new ImportResult(c, items, notes);
    }
}
