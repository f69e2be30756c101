package dev.orrery.model;

import java.util.List;
import java.util.stream.Collectors;

/** A cluster that breaks one or more {@link Rules}; the message lists every field and why. */
public class InvalidClusterException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidClusterException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
