package dev.orrery.adopt;

import dev.orrery.remote.Command;

/**
 * What adoption runs on a server, as data: constant sh scripts with every value passed as a
 * positional argument, never pasted into the script.
 */
final class AdoptCommands {
    private AdoptCommands() {
    }

    /** For nginx and HAProxy: "running KIND" when the Debian pid file names a live process, "installed KIND" when the binary is there. */
    static Command whichBalancer() {
        return Command.of("sh", "-c", "for k in nginx haproxy; do "
                + "if [ -s /run/$k.pid ] && kill -0 \"$(cat /run/$k.pid)\" 2>/dev/null; then echo \"running $k\"; fi; "
                + "if command -v $k >/dev/null 2>&1; then echo \"installed $k\"; fi; done").describedAs("which balancer runs here");
    }

    /** The running master's command line, one argument a line (to find its -c / -f file). */
    static Command masterCommandLine(String pidFile) {
        return Command.of("sh", "-c", "p=$(cat \"$1\" 2>/dev/null) && [ -n \"$p\" ] && tr '\\0' '\\n' < \"/proc/$p/cmdline\"", "sh", pidFile)
                .describedAs("the balancer's command line");
    }

    /** nginx's own dump of the configuration it would load: every file, each after a "# configuration file" line. */
    static Command nginxDump(String config) {
        return Command.of("sh", "-c", "exec nginx -T -c \"$1\" 2>/dev/null", "sh", config).describedAs("nginx -T -c " + config);
    }

    /** nginx's verdict on a configuration, with its message. */
    static Command nginxTest(String config) {
        return Command.of("sh", "-c", "nginx -t -c \"$1\" 2>&1", "sh", config).describedAs("nginx -t -c " + config);
    }

    /**
     * The files a path or glob names, in nginx -T's format, for a configuration nginx itself will
     * not load. The pattern is expanded by the shell as nginx's include would (no command runs from it).
     */
    static Command filesLikeNginxDump(String pattern) {
        return Command.of("sh", "-c", "for f in $1; do if [ -f \"$f\" ]; then printf '# configuration file %s:\\n' \"$f\"; cat \"$f\"; echo; fi; done",
                "sh", pattern).describedAs("read " + pattern);
    }

    static Command cat(String file) {
        return Command.of("cat", file);
    }
}
