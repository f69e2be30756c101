package dev.orrery.metrics;

import dev.orrery.remote.Command;
import dev.orrery.remote.Host;

/**
 * One server the sampler reads: where (a pooled SSH host, or this machine for the sandbox), with
 * which command, and how the samples are labelled.
 */
public record SampleTarget(String server, Host host, Command command, Sample.Source source) {
}
