package dev.orrery.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only where the programs it drives for real (nginx, haproxy, openssl …) are
 * on the PATH; elsewhere it is skipped with a message naming what is missing. `.ci/run` installs
 * them all, so in CI these tests always run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresCommandsCondition.class)
public @interface RequiresCommands {
    String[] value();
}
