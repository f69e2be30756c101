package dev.orrery.cloud.fake;

/** A VPC network the fake holds. */
public record FakeVpc(String id, String name, String region, String ipRange, boolean isDefault) {
}
