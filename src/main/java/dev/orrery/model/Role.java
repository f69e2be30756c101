package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a server does in the cluster. */
public enum Role {
    @JsonProperty("balancer") BALANCER("Load balancer"),
    @JsonProperty("app") APP("App server"),
    @JsonProperty("database") DATABASE("Database");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Prefix used for the next suggested server name ("app-4"). */
    public String namePrefix() {
        return switch (this) {
            case BALANCER -> "lb";
            case APP -> "app";
            case DATABASE -> "db";
        };
    }
}
