package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The lifecycle state Orrery records for a server. Live health (up/down from probes) is kept
 * apart by the health engine; this is what the cluster file remembers.
 */
public enum ServerState {
    @JsonProperty("new") NEW("new"),
    @JsonProperty("provisioning") PROVISIONING("provisioning"),
    @JsonProperty("ready") READY("ready"),
    @JsonProperty("drained") DRAINED("drained"),
    @JsonProperty("stopped") STOPPED("stopped"),
    @JsonProperty("failed") FAILED("failed");

    private final String word;

    ServerState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
