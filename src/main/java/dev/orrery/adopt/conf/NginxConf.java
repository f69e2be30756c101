package dev.orrery.adopt.conf;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An nginx configuration as nginx reads it: the main file and every file it includes, with each
 * {@code include} kept as a block holding the included directives (so a reader can see both the
 * include line and what it brought in; {@link #effective} flattens them). Made from
 * {@code nginx -T} output or from files read one by one.
 */
public final class NginxConf {
    /** nginx -T starts each file with this line. */
    public static final String FILE_MARK = "# configuration file ";
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final String mainFile;
    private final Map<String, String> files;
    private final List<Directive> root;

    private NginxConf(String mainFile, Map<String, String> files) throws ConfSyntaxException {
        this.mainFile = mainFile;
        this.files = Map.copyOf(files);
        this.root = spliced(mainFile, files.get(mainFile), 0);
    }

    /** From {@code nginx -T}'s standard output: the first file is the main one. */
    public static NginxConf fromDump(String dump) throws ConfSyntaxException {
        Map<String, String> files = splitDump(dump);
        if (files.isEmpty()) {
            throw new ConfSyntaxException(null, 1, "no \"" + FILE_MARK + "…:\" line: this is not nginx -T output");
        }
        return new NginxConf(files.keySet().iterator().next(), files);
    }

    /** One main file's text, with the other files its includes may name. */
    public static NginxConf of(String mainFile, String text, Map<String, String> otherFiles) throws ConfSyntaxException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(mainFile, text);
        otherFiles.forEach(all::putIfAbsent);
        return new NginxConf(mainFile, all);
    }

    /**
     * The files of an {@code nginx -T} dump, in order, each with its exact content: nginx prints
     * each file after its mark line and adds one line break after it, which is taken off again.
     */
    public static Map<String, String> splitDump(String dump) {
        Map<String, String> files = new LinkedHashMap<>();
        String current = null;
        int contentStart = 0;
        int at = 0;
        while (at <= dump.length()) {
            int nl = dump.indexOf('\n', at);
            int lineEnd = nl < 0 ? dump.length() : nl;
            String l = dump.substring(at, lineEnd);
            if (l.startsWith(FILE_MARK) && l.endsWith(":")) {
                if (current != null) {
                    files.put(current, dropAddedBreak(dump.substring(contentStart, at)));
                }
                current = l.substring(FILE_MARK.length(), l.length() - 1);
                contentStart = Math.min(dump.length(), lineEnd + 1);
            }
            if (nl < 0) {
                break;
            }
            at = nl + 1;
        }
        if (current != null) {
            files.put(current, dropAddedBreak(dump.substring(contentStart)));
        }
        return files;
    }

    private static String dropAddedBreak(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    public String mainFile() {
        return mainFile;
    }

    /** Every file, path → exact content. */
    public Map<String, String> files() {
        return files;
    }

    /** The main file's directives; an include is a block of what it brought in. */
    public List<Directive> root() {
        return root;
    }

    /** The directives with every include replaced by its content: what nginx acts on. */
    public static List<Directive> effective(List<Directive> directives) {
        List<Directive> out = new ArrayList<>();
        for (Directive d : directives) {
            if (d.name().equals("include") && d.isBlock()) {
                out.addAll(effective(d.block()));
            } else if (d.isBlock()) {
                out.add(new Directive(d.name(), d.args(), effective(d.block()), d.original(), d.file(), d.line()));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    /** The files an include pattern names, in the order nginx reads them (glob, sorted). */
    public List<String> matching(String pattern) {
        String abs = absolute(pattern);
        if (!abs.contains("*") && !abs.contains("?") && !abs.contains("[")) {
            return files.containsKey(abs) ? List.of(abs) : List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + abs);
        return files.keySet().stream().filter(f -> m.matches(Path.of(f))).sorted().toList();
    }

    /** nginx resolves relative include paths against the configuration prefix: the main file's folder. */
    String absolute(String pattern) {
        if (pattern.startsWith("/")) {
            return pattern;
        }
        int slash = mainFile.lastIndexOf('/');
        return (slash >= 0 ? mainFile.substring(0, slash + 1) : "") + pattern;
    }

    private List<Directive> spliced(String file, String text, int depth) throws ConfSyntaxException {
        if (text == null) {
            throw new ConfSyntaxException(file, 1, "the file is not in the configuration");
        }
        return splice(NginxParser.parse(file, text), depth);
    }

    private List<Directive> splice(List<Directive> in, int depth) throws ConfSyntaxException {
        List<Directive> out = new ArrayList<>(in.size());
        for (Directive d : in) {
            if (d.name().equals("include") && !d.isBlock() && d.args().size() == 1) {
                if (depth >= MAX_INCLUDE_DEPTH) {
                    throw new ConfSyntaxException(d.file(), d.line(), "includes nested deeper than " + MAX_INCLUDE_DEPTH);
                }
                List<Directive> brought = new ArrayList<>();
                for (String f : matching(d.arg(0))) {
                    brought.addAll(spliced(f, files.get(f), depth + 1));
                }
                out.add(new Directive(d.name(), d.args(), brought, d.original(), d.file(), d.line()));
            } else if (d.isBlock()) {
                out.add(new Directive(d.name(), d.args(), splice(d.block(), depth), d.original(), d.file(), d.line()));
            } else {
                out.add(d);
            }
        }
        return out;
    }
}
