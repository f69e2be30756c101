package dev.orrery.cli;

import dev.orrery.engine.SandboxJob;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.sandbox.SandboxBalancer;
import dev.orrery.sandbox.SandboxCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code orrery sandbox start|status|add|fail SERVER|restart SERVER|deploy|stop}: the sandbox
 * cluster on this machine, scriptable. Its processes keep running after the command returns,
 * until {@code orrery sandbox stop}.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"A cluster on this machine, no cloud account needed.", "An nginx balancer and app servers running Orrery's sample app. "
                + "Its processes keep running after the command returns, until `orrery sandbox stop`."},
        subcommands = {CommandLine.HelpCommand.class, SandboxCommand.Start.class, SandboxCommand.Status.class, SandboxCommand.Add.class,
                SandboxCommand.Fail.class, SandboxCommand.Restart.class, SandboxCommand.Deploy.class, SandboxCommand.Stop.class})
final class SandboxCommand extends CliBase {
    @Override
    protected int execute() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing what to do: start, status, add, fail, restart, deploy or stop");
    }

    /** One action on the sandbox; all but start and stop need it to exist. */
    abstract static class Action extends CliBase {
        @Override
        protected final int execute() throws Exception {
            Sandbox sandbox = Sandbox.open(ctx().home(), ctx().engine().io(), ctx().engine().scheduler());
            if (needsSandbox() && !sandbox.exists()) {
                ctx().err().println("orrery sandbox: there is no sandbox yet; run `orrery sandbox start`");
                return 1;
            }
            return act(sandbox);
        }

        boolean needsSandbox() {
            return true;
        }

        abstract int act(Sandbox sandbox) throws Exception;

        int runPrinting(SandboxJob<?> job) throws Exception {
            JobPrinter.runPrinting(ctx(), job);
            ctx().out().println("done");
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Create and start the sandbox (v1); print the balancer's address.")
    static final class Start extends Action {
        @Override
        boolean needsSandbox() {
            return false;
        }

        @Override
        int act(Sandbox sandbox) throws Exception {
            runPrinting(SandboxJob.start(sandbox));
            printStatus(ctx(), sandbox);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Each server's process, health and release.")
    static final class Status extends Action {
        @Override
        int act(Sandbox sandbox) throws Exception {
            printStatus(ctx(), sandbox);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "One more app server, behind the balancer.")
    static final class Add extends Action {
        @Override
        int act(Sandbox sandbox) throws Exception {
            return runPrinting(SandboxJob.addServer(sandbox));
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true, description = "The next version of the sample app, one server at a time.")
    static final class Deploy extends Action {
        @Override
        int act(Sandbox sandbox) throws Exception {
            return runPrinting(SandboxJob.deployNext(sandbox));
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop every sandbox process.")
    static final class Stop extends Action {
        @Override
        boolean needsSandbox() {
            return false;
        }

        @Override
        int act(Sandbox sandbox) throws Exception {
            return runPrinting(SandboxJob.stop(sandbox));
        }
    }

    @Command(name = "fail", mixinStandardHelpOptions = true, description = "Crash an app server's process (to watch the balancer and health react).")
    static final class Fail extends Action {
        @Parameters(index = "0", paramLabel = "SERVER", description = "the app server, e.g. app-2")
        String server;

        @Override
        int act(Sandbox sandbox) throws Exception {
            return runPrinting(SandboxJob.fail(sandbox, server));
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Start a failed or stopped app server again.")
    static final class Restart extends Action {
        @Parameters(index = "0", paramLabel = "SERVER", description = "the app server, e.g. app-2")
        String server;

        @Override
        int act(Sandbox sandbox) throws Exception {
            return runPrinting(SandboxJob.restart(sandbox, server));
        }
    }

    private static void printStatus(CliContext ctx, Sandbox sandbox) throws Exception {
        Cluster c = sandbox.cluster();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        ctx.out().println("sandbox cluster in " + sandbox.paths().root() + " — app " + c.app().name()
                + (c.app().currentRelease() != null ? ", release " + c.app().currentRelease().bundle() : ", no release yet"));
        TextTable t = new TextTable("NAME", "ROLE", "ADDRESS", "PROCESS", "HEALTH", "RELEASE");
        for (Server s : c.servers()) {
            if (s.role() == Role.BALANCER) {
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
}
