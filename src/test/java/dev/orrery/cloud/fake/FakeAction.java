package dev.orrery.cloud.fake;

/** An action the fake runs: in-progress for a few polls, then completed (or errored), then its effect. */
final class FakeAction {
    final long id, dropletId;
    final String type, region;
    final Runnable effect;
    volatile String status = "in-progress";
    int pollsLeft;
    boolean willError;
    /** What the action acts on: a droplet by default, a reserved IP for assign/unassign. */
    String resourceType = "droplet";
    long resourceId;

    FakeAction(long id, String type, long dropletId, String region, int polls, Runnable effect) {
        this.id = id; this.type = type; this.dropletId = dropletId; this.region = region; this.pollsLeft = polls; this.effect = effect;
        this.resourceId = dropletId;
    }
}
