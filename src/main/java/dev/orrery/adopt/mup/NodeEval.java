package dev.orrery.adopt.mup;

import dev.orrery.adopt.ImportException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates a {@code mup.js} with the user's own {@code node}, in a child process with a time
 * limit, and returns what it exports as JSON. A mup.js is a Node module (it may read files or
 * the environment), so only Node can say what it means. Functions (hooks) become the text
 * {@value #FUNCTION} so they can be listed as not mapped.
 */
public final class NodeEval {
    public static final String FUNCTION = "[function]";
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(15);

    /** Loads the module from its own folder and prints it as JSON; nothing else is run. */
    static final String SCRIPT = "process.chdir(require('path').dirname(process.argv[1]));"
            + "const m = require(process.argv[1]);"
            + "const c = (m && m.__esModule && m.default) ? m.default : m;"
            + "process.stdout.write(JSON.stringify(c, (k, v) => typeof v === 'function' ? '" + FUNCTION + "' : v));"
            + "process.exit(0);";

    private final String node;
    private final Duration limit;

    public NodeEval(String node, Duration limit) {
        this.node = node;
        this.limit = limit;
    }

    public static NodeEval standard() {
        return new NodeEval("node", DEFAULT_LIMIT);
    }

    public String exportsAsJson(Path moduleFile) throws ImportException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(node, "-e", SCRIPT, moduleFile.toAbsolutePath().toString()))
                    .directory(moduleFile.toAbsolutePath().getParent().toFile()).start();
        } catch (IOException e) {
            throw new ImportException(moduleFile.getFileName() + " is a Node module, so reading it needs Node.js, and '" + node
                    + "' could not be run (" + e.getMessage() + "). Install Node.js (https://nodejs.org) or put it on PATH; or turn it into "
                    + "JSON yourself with: node -e \"console.log(JSON.stringify(require('./mup.js')))\" > mup.json", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread o = pump(p.getInputStream(), out, "node-stdout");
        Thread e = pump(p.getErrorStream(), err, "node-stderr");
        try {
            p.getOutputStream().close();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new ImportException("node did not finish reading " + moduleFile.getFileName() + " within " + limit.toSeconds()
                        + " s (does the file start a server or wait for input?); it was stopped");
            }
            o.join(2000);
            e.join(2000);
        } catch (InterruptedException ie) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImportException("interrupted while node read " + moduleFile.getFileName(), ie);
        } catch (IOException ignored) {
            // closing node's stdin: it never reads it
        }
        String stderr = err.toString(StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new ImportException("node could not load " + moduleFile.getFileName() + " (exit " + p.exitValue() + "): "
                    + (stderr.isEmpty() ? "no message" : nodeError(stderr)));
        }
        String json = out.toString(StandardCharsets.UTF_8);
        if (json.isBlank() || json.equals("undefined") || json.equals("{}")) {
            throw new ImportException(moduleFile.getFileName() + " exports nothing (module.exports is empty or not set)");
        }
        return json;
    }

    /**
     * The part of node's report a person needs: the error line ({@code SyntaxError: …},
     * {@code Error: Cannot find module …}) and, when node names one, the place in the file.
     */
    static String nodeError(String stderr) {
        List<String> lines = stderr.lines().toList();
        String error = lines.stream().filter(l -> l.matches("^[A-Za-z]*Error\\b.*")).findFirst().orElse(null);
        String at = lines.isEmpty() ? null : lines.get(0).matches("^/.*:\\d+$") ? lines.get(0) : null;
        if (error == null) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        }
        return error + (at != null ? " (at " + at + ")" : "");
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream to, String name) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(to);
            } catch (IOException ignored) {
                // the process ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
