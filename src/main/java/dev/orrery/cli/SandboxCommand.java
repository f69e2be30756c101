package dev.orrery.cli;

import dev.orrery.engine.SandboxJob;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.sandbox.SandboxBalancer;
import dev.orrery.sandbox.SandboxCluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * {@code orrery sandbox start|status|add|fail SERVER|restart SERVER|deploy|stop}: the sandbox
 * cluster on this machine, scriptable. Its processes keep running after the command returns,
 * until {@code orrery sandbox stop}.
 */
final class SandboxCommand implements CliCommand {
    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public String usage() {
        return "sandbox start|status|add|fail SERVER|restart SERVER|deploy|stop   a cluster on this machine (no cloud account)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException("expected an action; usage: " + usage());
        }
        String action = args.get(0);
        if (!List.of("start", "status", "add", "fail", "restart", "deploy", "stop").contains(action)) {
            throw new UsageException("unknown action " + action + "; usage: " + usage());
        }
        boolean wantsServer = action.equals("fail") || action.equals("restart");
        if (args.size() != (wantsServer ? 2 : 1)) {
            throw new UsageException((wantsServer ? "expected one SERVER after " + action : "unexpected arguments after " + action) + "; usage: " + usage());
        }
        Sandbox sandbox = Sandbox.open(ctx.home(), ctx.engine().io(), ctx.engine().scheduler());
        if (!action.equals("start") && !action.equals("stop") && !sandbox.exists()) {
            ctx.err().println("orrery sandbox: there is no sandbox yet; run `orrery sandbox start`");
            return 1;
        }
        return switch (action) {
            case "start" -> {
                int code = runPrinting(SandboxJob.start(sandbox), ctx);
                if (code == 0) {
                    printStatus(sandbox, ctx);
                }
                yield code;
            }
            case "add" -> runPrinting(SandboxJob.addServer(sandbox), ctx);
            case "deploy" -> runPrinting(SandboxJob.deployNext(sandbox), ctx);
            case "fail" -> runPrinting(SandboxJob.fail(sandbox, args.get(1)), ctx);
            case "restart" -> runPrinting(SandboxJob.restart(sandbox, args.get(1)), ctx);
            case "stop" -> runPrinting(SandboxJob.stop(sandbox), ctx);
            case "status" -> {
                printStatus(sandbox, ctx);
                yield 0;
            }
            default -> throw new UsageException("unknown action " + action + "; usage: " + usage());
        };
    }

    private void printStatus(Sandbox sandbox, CliContext ctx) throws Exception {
        Cluster c = sandbox.cluster();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        ctx.out().println("sandbox cluster in " + sandbox.paths().root() + " — app " + c.app().name()
                + (c.app().currentRelease() != null ? ", release " + c.app().currentRelease().bundle() : ", no release yet"));
        TextTable t = new TextTable("NAME", "ROLE", "ADDRESS", "PROCESS", "HEALTH", "RELEASE");
        for (Server s : c.servers()) {
            if (s.role() == dev.orrery.model.Role.BALANCER) {
                String url = "http://127.0.0.1:" + c.balancer().httpPort() + "/";
                t.row(s.name(), s.role().label(), "127.0.0.1:" + c.balancer().httpPort(), "nginx", get(http, url), "");
            } else {
                String url = "http://" + s.internalAddress() + ":" + c.app().port() + SandboxCluster.HEALTH_PATH;
                t.row(s.name(), s.role().label(), s.internalAddress() + ":" + c.app().port(), sandbox.processState(s.name()),
                        get(http, url), s.release());
            }
        }
        ctx.out().print(t);
        sandbox.balancerUrl().ifPresentOrElse(u -> ctx.out().println("open " + u + " (every answer names the server and version)"),
                () -> ctx.out().println(SandboxBalancer.MISSING));
    }

    /** One GET, as the health probes do it: "HTTP 200" or why there was no answer. */
    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return "HTTP " + r.statusCode();
        } catch (java.io.IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static int runPrinting(SandboxJob<?> job, CliContext ctx) throws Exception {
        JobPrinter.runPrinting(ctx, job);
        ctx.out().println("done");
        return 0;
    }
}
