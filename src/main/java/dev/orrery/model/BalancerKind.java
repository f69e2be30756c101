package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum BalancerKind {
    @JsonProperty("nginx") NGINX,
    @JsonProperty("haproxy") HAPROXY
}
