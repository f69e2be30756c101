package dev.orrery.adopt.conf;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One directive of a balancer configuration as written: its name, its arguments with quotes
 * removed, its block (null for a simple directive; HAProxy sections are blocks), the text exactly
 * as it stands in its file (for keeping it as is), and where it came from.
 */
public record Directive(String name, List<String> args, List<Directive> block, String original, String file, int line) {

    public Directive {
        args = List.copyOf(args);
        block = block != null ? List.copyOf(block) : null;
    }

    public boolean isBlock() {
        return block != null;
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** {@code file:line}, for reports. */
    public String where() {
        return (file != null ? file : "?") + ":" + line;
    }

    /** The directive's children named {@code n} (none for a simple directive). */
    public List<Directive> children(String n) {
        return block == null ? List.of() : block.stream().filter(d -> d.name.equals(n)).toList();
    }

    /** One line: the name and the arguments, quoted where nginx would need it; a block as {@code name args {…}}. */
    public String head() {
        String a = args.stream().map(Directive::quoteIfNeeded).collect(Collectors.joining(" "));
        return a.isEmpty() ? name : name + " " + a;
    }

    /** The head with {@code ;} or the block's size, as reports show a directive. */
    public String summary() {
        if (block == null) {
            // HAProxy lines end without ';': show them as written
            return original != null && !original.isEmpty() && !original.endsWith(";") ? original : head() + ";";
        }
        return head() + " { " + block.size() + (block.size() == 1 ? " directive" : " directives") + " }";
    }

    static String quoteIfNeeded(String a) {
        if (a.isEmpty()) {
            return "''";
        }
        for (char c : a.toCharArray()) {
            if (Character.isWhitespace(c) || c == ';' || c == '{' || c == '}' || c == '"' || c == '\'' || c == '#') {
                return "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r")
                        .replace("\n", "\\n").replace("\t", "\\t") + "\"";
            }
        }
        return a;
    }

    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
