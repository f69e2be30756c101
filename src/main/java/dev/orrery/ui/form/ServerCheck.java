package dev.orrery.ui.form;

import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a server as it would sit in its cluster, with the model's own rules: the fields
 * ({@link ClusterValidator#validateServer}) and what only the cluster can tell (a name already
 * taken, a second load balancer). Problems come back keyed by the server's field name
 * ({@code name}, {@code publicAddress} …), or by {@code server} for the cluster-wide ones.
 */
public final class ServerCheck {

    public static final String WHOLE_SERVER = "server";
    private static final java.util.regex.Pattern TWIN = java.util.regex.Pattern.compile("servers\\[(\\d+)]\\.name");

    private ServerCheck() {
    }

    /** Problems with adding {@code candidate} to {@code cluster}. */
    public static List<Problem> forNew(Cluster cluster, Server candidate) {
        Cluster next = cluster.withServer(candidate);
        return problemsOf(next, next.servers().size() - 1, candidate);
    }

    /** Problems with replacing the server called {@code oldName} by {@code candidate}. */
    public static List<Problem> forEdit(Cluster cluster, String oldName, Server candidate) {
        int index = -1;
        for (int i = 0; i < cluster.servers().size(); i++) {
            if (cluster.servers().get(i).name().equals(oldName)) {
                index = i;
            }
        }
        if (index < 0) {
            return List.of(new Problem(WHOLE_SERVER, "\"" + oldName + "\" is no longer in the cluster"));
        }
        return problemsOf(cluster.replaceServer(oldName, candidate), index, candidate);
    }

    private static List<Problem> problemsOf(Cluster next, int index, Server candidate) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : ClusterValidator.validateServer(candidate)) {
            out.add(new Problem(strip(p.field(), "server."), p.message()));
        }
        String prefix = "servers[" + index + "].";
        for (Problem p : ClusterValidator.validate(next)) {
            if (p.field().startsWith(prefix)) {
                Problem local = new Problem(strip(p.field(), prefix), p.message());
                if (!out.contains(local)) {
                    out.add(local);
                }
            } else if (isTwinName(next, p, candidate)) {
                // The validator reports a duplicate name on the later of the two servers.
                Problem local = new Problem("name", p.message());
                if (!out.contains(local)) {
                    out.add(local);
                }
            } else if (p.field().equals("servers")) {
                out.add(new Problem(WHOLE_SERVER, "The cluster " + p.message()));
            }
        }
        return out;
    }

    private static boolean isTwinName(Cluster next, Problem p, Server candidate) {
        java.util.regex.Matcher m = TWIN.matcher(p.field());
        return m.matches() && next.servers().get(Integer.parseInt(m.group(1))).name().equals(candidate.name());
    }

    private static String strip(String field, String prefix) {
        return field.startsWith(prefix) ? field.substring(prefix.length()) : field;
    }
}
