package dev.orrery.engine.state;

/**
 * What a running job is doing to one server right now.
 *
 * @param jobId     the engine's job id
 * @param kind      what the job is ({@link JobKind})
 * @param step      the step on this server, in the job's words ("draining", "health gate")
 * @param mayBeDown true while the step may leave the server not answering (stopping, switching,
 *                  restarting, health gate): a down probe then is the plan, not an outage
 */
public record ServerActivity(long jobId, JobKind kind, String step, boolean mayBeDown) {
}
