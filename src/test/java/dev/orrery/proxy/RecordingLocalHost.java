package dev.orrery.proxy;

import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** This machine as a {@link Host}: runs each command's shell line with sh -c. For tests against real local binaries. */
final class RecordingLocalHost implements Host {
    final List<String> commands = new ArrayList<>();

    @Override
    public String name() {
        return "localhost";
    }

    @Override
    public synchronized ExecResult exec(Command command, LineListener output) throws RemoteException {
        commands.add(command.line());
        try {
            Process p = new ProcessBuilder("sh", "-c", command.line()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    output.line(line);
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RemoteException(name(), command + " did not finish", null);
            }
            return new ExecResult(p.exitValue(), lines.size() > 50 ? lines.subList(lines.size() - 50, lines.size()) : lines);
        } catch (IOException e) {
            throw new RemoteException(name(), e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(name(), "interrupted", e);
        }
    }

    @Override
    public void upload(Path local, String remotePath, UploadListener progress) throws RemoteException {
        try {
            write(Files.readAllBytes(local), remotePath);
        } catch (IOException e) {
            throw new RemoteException(name(), e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] content, String remotePath) throws RemoteException {
        try {
            Path target = Path.of(remotePath);
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RemoteException(name(), e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
