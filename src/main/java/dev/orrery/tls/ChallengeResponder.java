package dev.orrery.tls;

import dev.orrery.model.Acme;
import dev.orrery.task.Progress;
import org.shredzone.acme4j.challenge.Challenge;

/**
 * Makes the world answer one ACME challenge for one name, checks it does before the CA is asked,
 * and takes the answer away afterwards.
 */
interface ChallengeResponder {

    Acme.Challenge type();

    /** Publishes the answer for {@code name} (as the authorization names it: no {@code *.}). Returns how to take it away. */
    Published publish(String name, Challenge challenge, Progress progress) throws TlsException;

    /** A published answer: {@link #check} it is visible as the CA will see it, {@link #close} removes it (never throws). */
    interface Published extends AutoCloseable {
        void check(Progress progress) throws TlsException;

        @Override
        void close();
    }
}
