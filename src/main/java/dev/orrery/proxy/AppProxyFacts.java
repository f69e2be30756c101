package dev.orrery.proxy;

import dev.orrery.model.Cluster;

import java.util.Map;

/**
 * What the app must know about the balancer in front of it. Meteor reads the client's address
 * from {@code X-Forwarded-For}, counting {@code HTTP_FORWARDED_COUNT} proxies back from the end;
 * the count follows from the topology (one balancer in front of the app servers, or none).
 */
public final class AppProxyFacts {

    private AppProxyFacts() {
    }

    public static int forwardedCount(Cluster cluster) {
        return cluster.forwardedCount();
    }

    /** Environment the deploy adds to the app's own. */
    public static Map<String, String> appEnvironment(Cluster cluster) {
        return Map.of("HTTP_FORWARDED_COUNT", Integer.toString(forwardedCount(cluster)));
    }
}
