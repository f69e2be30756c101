package dev.orrery.deploy;

import dev.orrery.remote.ExecResult;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Phase one on one server: the app's user and directories, the launcher and service, then the
 * release uploaded (verified by checksum) and installed beside the live one, with its env file.
 * Nothing live changes here: {@code current} and the running app are left alone.
 */
final class ReleaseInstaller {
    private final RolloutOptions options;
    private final int stopTimeoutSeconds;

    ReleaseInstaller(RolloutOptions options) {
        this.options = options;
        this.stopTimeoutSeconds = options.stopTimeoutSeconds();
    }

    /** User, directories, service files; reads what is live. */
    void prepare(ServerTarget t, Progress progress) throws RemoteException {
        ReleaseCommands c = t.commands;
        LineListener log = line -> progress.log(t.name() + ": " + line);
        t.host.run(c.ensureUser(), log);
        t.host.run(c.prepareDirs(), log);
        String init = switch (options.init()) {
            case SYSTEMD -> "systemd";
            case SUPERVISOR -> "supervisor";
            case AUTO -> lastLine(t.host.run(c.detectInit()).output());
        };
        t.service = init.equals("systemd") ? new SystemdService(c.layout(), stopTimeoutSeconds) : new SupervisorService(c.layout(), stopTimeoutSeconds);
        for (ServiceManager.InstallFile f : t.service.files()) {
            t.host.write(f.content(), f.path());
            t.host.run(c.chmod(f.mode(), f.path()));
        }
        t.host.run(t.service.activate(), log);
        String live = lastLine(t.host.run(c.currentRelease()).output());
        t.previous = live.isEmpty() ? null : live;
        progress.log(t.name() + ": runs under " + t.service.kind() + "; live release " + (t.previous != null ? t.previous : "none"));
    }

    /**
     * The answer of a command that prints one line. Output interleaves stderr, and sudo may warn
     * before it (e.g. "unable to resolve host" on a server whose /etc/hosts lacks its name):
     * seen on systemd test hosts, where that warning made a systemd server look like a supervisor one.
     */
    static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    /**
     * Uploads and installs the release; a release already installed under the same id is reused.
     * With {@code delta} (not null), only the files the server lacks are sent when it can; the whole
     * release otherwise. Returns the bytes this machine sent for the release (-1: {@link Source#DELTA_ONLY}
     * could not send only what changed, and nothing was installed).
     */
    long install(ServerTarget t, Path bundle, String id, DetectedRelease release, byte[] envFile,
                 UploadListener uploaded, DeltaUpload delta, Progress progress) throws RemoteException, java.io.IOException {
        return install(t, bundle, id, release, envFile, uploaded, delta, Source.DIRECT, progress);
    }

    /**
     * Where a server that needs the whole release gets it: {@link #DIRECT} from this machine; the
     * fan-out source also keeps it to serve ({@link #keep}); the others {@link #fetch} it from
     * the source (SHA-256 checked), a direct upload when that fails.
     */
    record Source(boolean keep, FanOut.Share fetchFrom, String sha256, boolean deltaOnly) {
        static final Source DIRECT = new Source(false, null, null, false);
        /** Only what changed, or nothing: {@link #install} returns -1 when that cannot be done, having uploaded nothing whole. */
        static final Source DELTA_ONLY = new Source(false, null, null, true);

        Source(boolean keep, FanOut.Share fetchFrom, String sha256) {
            this(keep, fetchFrom, sha256, false);
        }
    }

    long install(ServerTarget t, Path bundle, String id, DetectedRelease release, byte[] envFile,
                 UploadListener uploaded, DeltaUpload delta, Source source, Progress progress) throws RemoteException, java.io.IOException {
        ReleaseCommands c = t.commands;
        LineListener log = line -> progress.log(t.name() + ": " + line);
        writeEnv(t, id, envFile);
        ExecResult installed = t.host.exec(c.isInstalled(id), LineListener.IGNORE);
        if (installed.ok()) {
            progress.log(t.name() + ": release " + id + " is already installed");
            return 0;
        }
        progress.serverStep(t.name(), RolloutStep.UPLOAD.label(), RolloutStep.UPLOAD.mayBeDown());
        long sent = delta != null ? delta.tryInstall(t, id, uploaded, progress) : -1;
        if (sent < 0 && source.deltaOnly()) {
            return -1;
        }
        if (sent < 0) {
            long size = java.nio.file.Files.size(bundle);
            if (source.fetchFrom() != null && FanOut.fetch(t, source.fetchFrom(), id, source.sha256(), progress)) {
                sent = 0;
                progress.log(t.name() + ": fetched the whole release (" + DeltaUpload.bytes(size) + ") from " + source.fetchFrom().source().name()
                        + " over the private network, SHA-256 verified; this machine sent none of it");
            } else {
                t.host.upload(bundle, c.layout().upload(id), uploaded);
                sent = size;
                progress.log(t.name() + ": sent the whole release (" + DeltaUpload.bytes(sent) + ")");
                if (source.keep()) {
                    t.host.run(FanOut.keep(c.layout(), id), log);
                }
            }
            progress.serverStep(t.name(), RolloutStep.INSTALL.label(), RolloutStep.INSTALL.mayBeDown());
            t.host.run(c.unpack(id, release), log);
        }
        t.host.write(release.startScript().getBytes(StandardCharsets.UTF_8), c.startFile(id));
        if (release.npmInstallDir() != null) {
            t.host.run(c.npmInstall(id, release.npmInstallDir()), log);
        }
        t.host.run(c.finish(id, release.npmInstallDir()), log);
        return sent;
    }

    void writeEnv(ServerTarget t, String id, byte[] envFile) throws RemoteException {
        t.host.write(envFile, t.commands.layout().envFile(id));
        t.host.run(t.commands.protectEnv(id));
    }
}
