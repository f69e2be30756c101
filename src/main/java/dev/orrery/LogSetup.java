package dev.orrery;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Orrery's logging set up in code, found by logback through {@code META-INF/services}: logback's
 * XML configuration (Joran and its model, about 500 classes) would otherwise load and run at every
 * start, before the window's first frame and before every command. Log lines go to standard error
 * (standard output stays clean for scripts) as {@code 12:34:56.789 WARN  [thread] logger - message};
 * the root level is {@code ORRERY_LOG_LEVEL} (a system property or the environment), else WARN;
 * the window adds its log file ({@code ui/main/WindowLog}). Someone who names their own logback
 * file ({@code -Dlogback.configurationFile=...}) gets that instead.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** The appender's name; the window's log file turns it down to warnings ({@code WindowLog}). */
    public static final String STDERR = "STDERR";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // logback's own configurator reads that file
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(ctx);
        stderr.setName(STDERR);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        ctx.getLogger("net.schmizz").setLevel(Level.WARN);
        // sshj logs its own MD5 line on a refused host key; Orrery says it with the SHA256 fingerprint
        ctx.getLogger("net.schmizz.sshj.transport").setLevel(Level.OFF);
        // a forwarded health probe to a dead app is a failed probe, not an error worth a log line
        ctx.getLogger("net.schmizz.concurrent.Promise").setLevel(Level.OFF);
        ctx.getLogger("com.hierynomus").setLevel(Level.WARN);
        ctx.getLogger("org.apache.sshd").setLevel(Level.WARN);
        ctx.getLogger("okhttp3").setLevel(Level.WARN);

        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(System.getProperty("ORRERY_LOG_LEVEL"), System.getenv("ORRERY_LOG_LEVEL")));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The system property, else the environment variable, else WARN; a name logback does not know means DEBUG (as it always did). */
    static Level rootLevel(String property, String env) {
        String name = property != null && !property.isBlank() ? property : env;
        return name == null || name.isBlank() ? Level.WARN : Level.toLevel(name.trim());
    }
}
