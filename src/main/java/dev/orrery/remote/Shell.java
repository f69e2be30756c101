package dev.orrery.remote;

/**
 * The one place where text becomes part of a POSIX shell line. Every argument is wrapped in
 * single quotes, inside which the shell interprets nothing; a single quote itself is written as
 * {@code '\''}. So {@code $(rm -rf /)}, backticks, {@code ;} and newlines arrive as literal text.
 */
public final class Shell {

    private Shell() {
    }

    public static String quote(String arg) {
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell argument cannot contain a NUL character");
        }
        if (!arg.isEmpty() && arg.chars().allMatch(Shell::isSafe)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static boolean isSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '.' || c == '_' || c == '-' || c == '=' || c == ':' || c == ',' || c == '+' || c == '@';
    }
}
