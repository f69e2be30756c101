package dev.orrery.model;

/** One validation failure: the field's path (e.g. {@code servers[2].privateAddress}) and why. */
public record Problem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
