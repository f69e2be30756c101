package dev.orrery.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The condition behind {@link RequiresCommands}. */
public final class RequiresCommandsCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RequiresCommands needs = context.getRequiredTestClass().getAnnotation(RequiresCommands.class);
        if (needs == null) {
            return ConditionEvaluationResult.enabled("no programs required");
        }
        List<String> missing = Arrays.stream(needs.value()).filter(c -> !onPath(c)).toList();
        return missing.isEmpty()
                ? ConditionEvaluationResult.enabled("all of " + Arrays.toString(needs.value()) + " found")
                : ConditionEvaluationResult.disabled("skipped: not on the PATH: " + String.join(", ", missing)
                        + " (Debian: apt-get install nginx-light haproxy openssl curl openssh-client; .ci/run installs them)");
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(d -> Path.of(d, command)).anyMatch(Files::isExecutable);
    }
}
