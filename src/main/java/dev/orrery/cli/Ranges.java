package dev.orrery.cli;

import picocli.CommandLine;

/** Range checks for numeric options: a value out of range is a command-line error (exit 2, with the usage). */
final class Ranges {
    private Ranges() {
    }

    static int check(CommandLine cmd, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(cmd, "Invalid value for option '" + option + "': must be between "
                    + min + " and " + max + " (got " + value + ")");
        }
        return value;
    }
}
