package dev.orrery.cloud.fake;

/**
 * What a fake droplet's do-agent reports, held steady: the Monitoring API's series are made from
 * it at one point a minute (CPU as cumulative seconds per mode, as the real agent sends them).
 *
 * @param cpuBusy      the share of CPU time not idle (0..1), all of it "user" except {@code steal}
 * @param steal        the share stolen by the hypervisor
 * @param bandwidthMbps each of public/private × inbound/outbound
 */
public record FakeAgent(int vcpus, double cpuBusy, double steal, long memoryTotal, long memoryAvailable,
                        long filesystemSize, long filesystemFree, double load1, double bandwidthMbps) {
}
