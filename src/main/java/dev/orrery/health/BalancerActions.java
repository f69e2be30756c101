package dev.orrery.health;

/**
 * Takes a server out of the balancer's rotation or puts it back (for nginx: render it
 * {@code down} and reload). Implemented by the proxy workflow's push; may block (it is called
 * on the io pool, one call at a time).
 */
public interface BalancerActions {

    void markDown(String server) throws Exception;

    void markUp(String server) throws Exception;
}
