package dev.orrery.logs;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Meteor, Node and nginx problems Orrery highlights in logs, each explained in one line. The
 * first that matches a line wins, so the more specific come first.
 */
public final class KnownProblems {
    private static final Set<LogSource> APP = Set.of(LogSource.APP);
    private static final Set<LogSource> NGINX_ERROR = Set.of(LogSource.ERROR);

    public static final List<KnownProblem> ALL = List.of(
            problem("meteor-callback", "Meteor: exception in callback",
                    "A timer, observer or DDP callback threw: Meteor logged it and went on, but the work that callback was doing was lost.",
                    "Exception in (?:callback|[\\w.]+ callback|queued task|defer(?:red)? callback|onStop callback|setTimeout callback|setInterval callback)", APP),
            problem("meteor-method", "Meteor: method threw",
                    "A Meteor method threw an unexpected error: the client got \"Internal server error\" [500] for that call.",
                    "Exception while invoking method", APP),
            problem("meteor-publication", "Meteor: publication threw",
                    "A publish function threw: that subscription failed and its client got no data for it.",
                    "Exception from sub ", APP),
            problem("meteor-oplog-behind", "Meteor: oplog too far behind",
                    "The oplog fell more than METEOR_OPLOG_TOO_FAR_BEHIND (default 2000) entries behind: Meteor re-polls every observed query, a CPU spike on app and MongoDB.",
                    "(?i)too far behind|METEOR_OPLOG_TOO_FAR_BEHIND", APP),
            problem("node-heap-oom", "Node: JavaScript heap out of memory",
                    "The app used up Node's heap limit (--max-old-space-size) and crashed; it is restarted, and its clients reconnect to it or another server.",
                    "(?i)JavaScript heap out of memory|Allocation failed - process out of memory", APP),
            problem("oom-kill", "Killed by the kernel's OOM killer",
                    "The server ran out of memory and the kernel killed a process (usually the app): add memory or swap, or find what grows.",
                    "(?i)out of memory: kill(?:ed)? process|invoked oom-killer|oom-kill|killed by the OOM killer|Memory cgroup out of memory", Set.of(LogSource.APP, LogSource.ERROR)),
            problem("app-crash-restart", "App crashed and was restarted",
                    "The app's process exited on its own and Orrery's supervisor started it again: the lines just before say why.",
                    "orrery-supervise: app pid \\d+ exited with \\d+; restarting", APP),
            problem("port-in-use", "Port already in use",
                    "Another process holds the app's port (often the previous instance still stopping): the app could not listen.",
                    "EADDRINUSE", APP),
            problem("mongo-unreachable", "MongoDB unreachable",
                    "The app cannot reach MongoDB (MONGO_URL): requests that need data fail or hang until it is back.",
                    "(?i)MongoNetworkError|MongoServerSelectionError|failed to connect to server .* on first connect|connect ECONNREFUSED [^ ]+:27017", APP),
            problem("nginx-upstream-timeout", "nginx: upstream timed out",
                    "An app server did not answer within nginx's proxy timeout: it is overloaded or stuck; the client got 504, or the next server was tried.",
                    "upstream timed out", NGINX_ERROR),
            problem("nginx-no-live-upstreams", "nginx: no live upstreams",
                    "nginx considers every app server down (max_fails reached or failed checks): every request fails with 502 until one is back.",
                    "no live upstreams", NGINX_ERROR),
            problem("nginx-upstream-refused", "nginx: app server refused the connection",
                    "The app server's port refused nginx: the app is not listening (stopped, crashed or restarting); nginx tries the next server.",
                    "connect\\(\\) failed \\(111: Connection refused\\) while connecting to upstream", NGINX_ERROR),
            problem("nginx-upstream-closed", "nginx: app closed the connection early",
                    "An app server closed the connection before answering: it crashed or was stopped mid-request; the client may have got 502.",
                    "upstream prematurely closed connection", NGINX_ERROR),
            problem("nginx-worker-connections", "nginx: out of worker connections",
                    "nginx hit worker_connections: new connections wait or are refused; raise the limit or add a balancer.",
                    "worker_connections are not enough", NGINX_ERROR));

    private KnownProblems() {
    }

    private static KnownProblem problem(String id, String title, String explanation, String regex, Set<LogSource> sources) {
        return new KnownProblem(id, title, explanation, Pattern.compile(regex), sources);
    }

    /** The first known problem the line shows, if any. */
    public static Optional<KnownProblem> find(LogSource source, String text) {
        if (source == LogSource.DEPLOY || source == LogSource.ACCESS) {
            return Optional.empty(); // access lines say their status; their level tells the rest
        }
        for (KnownProblem p : ALL) {
            if (p.matches(source, text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Optional<KnownProblem> byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
