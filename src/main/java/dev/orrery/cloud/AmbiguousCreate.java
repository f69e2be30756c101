package dev.orrery.cloud;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * After a create call failed: when it may still have happened ({@link CloudException#ambiguous}),
 * what it made is looked up by name instead of creating again (a second create would make a
 * second droplet, firewall or load balancer). The one place every create of the API decides this.
 */
final class AmbiguousCreate {
    private static final Logger LOG = LoggerFactory.getLogger(AmbiguousCreate.class);

    private AmbiguousCreate() {
    }

    /**
     * What the failed create of the {@code what} named {@code name} made, found by
     * {@code findByName}. Throws {@code e} when the create surely did not happen, or when the
     * lookup failed too (its failure attached); throws a {@link CloudException} saying the create
     * was not repeated when nothing of that name exists yet.
     */
    static <T> T lookUp(CloudException e, String what, String name, Supplier<Optional<T>> findByName) {
        if (!e.ambiguous()) {
            throw e;
        }
        LOG.warn("create of {} {} ended ambiguously ({}); looking it up by name", what, name, e.getMessage());
        Optional<T> found;
        try {
            found = findByName.get();
        } catch (CloudException lookup) {
            e.addSuppressed(lookup);
            throw e;
        }
        return found.orElseThrow(() -> new CloudException(e.getMessage() + "; no " + what + " named " + name
                + " exists yet, so the create was not repeated", e.status(), e.errorId(), e.apiMessage(), e.requestId(), true, e));
    }
}
