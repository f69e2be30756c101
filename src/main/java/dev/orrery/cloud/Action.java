package dev.orrery.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An action ({@code /v2/actions/{id}}): a create, shutdown, snapshot … and how far it is. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Action(long id, String status, String type,
                     @JsonProperty("started_at") String startedAt,
                     @JsonProperty("completed_at") String completedAt,
                     @JsonProperty("resource_id") Long resourceId,
                     @JsonProperty("resource_type") String resourceType,
                     @JsonProperty("region_slug") String regionSlug) {

    public static final String IN_PROGRESS = "in-progress";
    public static final String COMPLETED = "completed";
    public static final String ERRORED = "errored";

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    public boolean errored() {
        return ERRORED.equals(status);
    }
}
