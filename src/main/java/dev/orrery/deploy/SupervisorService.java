package dev.orrery.deploy;

import dev.orrery.remote.Command;

import java.util.List;

/** The app under {@code orrery-supervise} (see {@link Scripts#supervisor}). */
public final class SupervisorService implements ServiceManager {
    private final AppLayout layout;
    private final int stopTimeoutSeconds;

    public SupervisorService(AppLayout layout, int stopTimeoutSeconds) {
        this.layout = layout;
        this.stopTimeoutSeconds = stopTimeoutSeconds;
    }

    @Override
    public String kind() {
        return "supervisor";
    }

    @Override
    public List<InstallFile> files() {
        return List.of(new InstallFile(layout.launcher(), Scripts.launcher(layout), "755"),
                new InstallFile(layout.supervisor(), Scripts.supervisor(layout, stopTimeoutSeconds), "755"));
    }

    @Override
    public Command activate() {
        return Command.of("true").describedAs("supervisor needs no activation");
    }

    @Override
    public Command stop() {
        return Command.of(layout.supervisor(), "stop").describedAs("stop " + layout.app());
    }

    @Override
    public Command start() {
        return Command.of(layout.supervisor(), "start").describedAs("start " + layout.app());
    }

    @Override
    public Command status() {
        return Command.of(layout.supervisor(), "status");
    }

    @Override
    public Command liveness() {
        return Command.of("sh", "-c", """
                p=$(cat "$1" 2>/dev/null)
                if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo "orrery:alive $p"
                elif [ -s "$2" ] && kill -0 "$(cat "$2")" 2>/dev/null; then echo "orrery:dead the app exited; its supervisor restarts it"
                else echo "orrery:dead the app and its supervisor have stopped"; fi
                """, "orrery", layout.runDir() + "/app.pid", layout.runDir() + "/supervisor.pid").describedAs("is " + layout.app() + " running");
    }

    @Override
    public Command logTail(int lines) {
        return Command.of("tail", "-n", Integer.toString(lines), layout.logFile());
    }
}
