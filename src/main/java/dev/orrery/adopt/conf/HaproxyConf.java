package dev.orrery.adopt.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@code haproxy.cfg} as HAProxy reads it: sections ({@code global}, {@code defaults},
 * {@code frontend NAME}, {@code backend NAME}, {@code listen NAME} …), each a block of one-line
 * directives. Words split on white space; {@code "…"} groups with {@code \} escapes, {@code '…'}
 * groups literally, {@code \ } escapes a space, {@code #} starts a comment outside quotes.
 */
public record HaproxyConf(String file, List<Directive> sections) {

    static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "backend", "listen", "peers", "resolvers",
            "userlist", "mailers", "program", "http-errors", "cache", "ring", "traces", "crt-store", "log-forward");

    public HaproxyConf {
        sections = List.copyOf(sections);
    }

    public static HaproxyConf parse(String file, String text) throws ConfSyntaxException {
        List<Directive> sections = new ArrayList<>();
        String sectionName = null;
        List<String> sectionArgs = null;
        String sectionLine = null;
        int sectionAt = 0;
        List<Directive> body = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<String> words = words(file, i + 1, lines[i]);
            if (words.isEmpty()) {
                continue;
            }
            String first = words.get(0);
            if (SECTIONS.contains(first)) {
                if (sectionName != null) {
                    sections.add(new Directive(sectionName, sectionArgs, body, sectionLine, file, sectionAt));
                }
                sectionName = first;
                sectionArgs = words.subList(1, words.size());
                sectionLine = lines[i].strip();
                sectionAt = i + 1;
                body = new ArrayList<>();
            } else if (sectionName == null) {
                throw new ConfSyntaxException(file, i + 1, "'" + first + "' is outside any section");
            } else {
                body.add(new Directive(first, words.subList(1, words.size()), null, stripComment(lines[i]).strip(), file, i + 1));
            }
        }
        if (sectionName != null) {
            sections.add(new Directive(sectionName, sectionArgs, body, sectionLine, file, sectionAt));
        }
        return new HaproxyConf(file, sections);
    }

    public List<Directive> sections(String kind) {
        return sections.stream().filter(s -> s.name().equals(kind)).toList();
    }

    static List<String> words(String file, int line, String text) throws ConfSyntaxException {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    w.append(c);
                }
                continue;
            }
            if (c == '\\' && i + 1 < text.length()) {
                if (w == null) {
                    w = new StringBuilder();
                }
                w.append(text.charAt(++i));
                continue;
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    w.append(c);
                }
                continue;
            }
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
                continue;
            }
            if (w == null) {
                w = new StringBuilder();
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else {
                w.append(c);
            }
        }
        if (quote != 0) {
            throw new ConfSyntaxException(file, line, "unclosed quote");
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }

    /** The line without a trailing comment (a '#' outside quotes). */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
