package dev.orrery.logs;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A problem Orrery recognises in a log line, with the one line that explains it to whoever reads
 * the log. Found by {@link KnownProblems#find}.
 *
 * @param id          stable short name (shown in {@code --json}, used by tests)
 * @param title       what the highlight says, e.g. "nginx: upstream timed out"
 * @param explanation one line: what happened and what it means for users
 * @param sources     the logs it can appear in
 */
public record KnownProblem(String id, String title, String explanation, Pattern pattern, Set<LogSource> sources) {

    public boolean matches(LogSource source, String text) {
        return sources.contains(source) && pattern.matcher(text).find();
    }
}
