package dev.orrery.adopt.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads nginx configuration text the way nginx's own {@code ngx_conf_read_token} does: words
 * separated by white space, {@code ;} ends a directive, {@code {…}} a block, {@code #} starts a
 * comment at the start of a word, quotes group a word (with {@code \" \\ \t \r \n} escapes), and
 * {@code ${var}} is part of a word, not a block. Each directive keeps its exact original text.
 */
final class NginxParser {
    private final String file;
    private final String text;
    private int pos;
    private int line = 1;

    private NginxParser(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** The directives of one file (includes not followed). */
    static List<Directive> parse(String file, String text) throws ConfSyntaxException {
        NginxParser p = new NginxParser(file, text);
        List<Directive> out = p.block(false);
        return out;
    }

    private List<Directive> block(boolean nested) throws ConfSyntaxException {
        List<Directive> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                if (nested) {
                    throw new ConfSyntaxException(file, line, "unexpected end of file, expecting \"}\"");
                }
                return out;
            }
            char c = text.charAt(pos);
            if (c == '}') {
                if (!nested) {
                    throw new ConfSyntaxException(file, line, "unexpected \"}\"");
                }
                pos++;
                return out;
            }
            out.add(directive());
        }
    }

    private Directive directive() throws ConfSyntaxException {
        int start = pos;
        int startLine = line;
        List<String> words = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                throw new ConfSyntaxException(file, line, "unexpected end of file, expecting \";\" or \"}\""
                        + (words.isEmpty() ? "" : " after \"" + words.get(0) + "\""));
            }
            char c = text.charAt(pos);
            if (c == ';') {
                pos++;
                return make(words, null, start, startLine);
            }
            if (c == '{') {
                pos++;
                List<Directive> inner = block(true);
                return make(words, inner, start, startLine);
            }
            if (c == '}') {
                throw new ConfSyntaxException(file, line, "unexpected \"}\"" + (words.isEmpty() ? "" : " after \"" + words.get(0) + "\""));
            }
            words.add(word());
        }
    }

    private Directive make(List<String> words, List<Directive> block, int start, int startLine) throws ConfSyntaxException {
        if (words.isEmpty()) {
            throw new ConfSyntaxException(file, startLine, "unexpected \"" + (block == null ? ";" : "{") + "\"");
        }
        String original = text.substring(start, pos);
        return new Directive(words.get(0), words.subList(1, words.size()), block, original, file, startLine);
    }

    private String word() throws ConfSyntaxException {
        char c = text.charAt(pos);
        StringBuilder w = new StringBuilder();
        if (c == '"' || c == '\'') {
            int openLine = line;
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw new ConfSyntaxException(file, openLine, "unclosed quote");
                }
                char d = text.charAt(pos++);
                if (d == '\n') {
                    line++;
                }
                if (d == '\\' && pos < text.length()) {
                    w.append(unescape(text.charAt(pos++)));
                } else if (d == c) {
                    return w.toString();
                } else {
                    w.append(d);
                }
            }
        }
        int varBraces = 0;
        while (pos < text.length()) {
            char d = text.charAt(pos);
            if (d == '{' && w.length() > 0 && w.charAt(w.length() - 1) == '$') {
                varBraces++;
            } else if (d == '}' && varBraces > 0) {
                varBraces--;
            } else if (Character.isWhitespace(d) || d == ';' || d == '{' || d == '}') {
                break;
            }
            if (d == '\\' && pos + 1 < text.length()) {
                pos++;
                w.append(unescape(text.charAt(pos++)));
                continue;
            }
            w.append(d);
            pos++;
        }
        return w.toString();
    }

    private static String unescape(char c) {
        return switch (c) {
            case 't' -> "\t";
            case 'r' -> "\r";
            case 'n' -> "\n";
            case '"', '\'', '\\' -> String.valueOf(c);
            default -> "\\" + c;
        };
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }
}
