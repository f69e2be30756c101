package dev.orrery.ui.main;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.orrery.store.OrreryHome;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The window's log file, {@code ORRERY_HOME/logs/orrery.log} (1 MB, three old ones kept): a window
 * started from a menu has no terminal, so what its jobs did must be somewhere to read after.
 * The command line keeps logging to standard error only ({@code dev.orrery.LogSetup}).
 */
public final class WindowLog {
    private static volatile Path file;

    private WindowLog() {
    }

    /** The log file in use, or null when none was set up. */
    public static Path file() {
        return file;
    }

    /** Adds the file to the root logger, at INFO unless ORRERY_LOG_LEVEL says otherwise. Returns it, or null if it cannot be written. */
    public static synchronized Path install(OrreryHome home) {
        if (file != null) {
            return file;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return null;
        }
        Path dir = home.root().resolve("logs");
        try {
            Files.createDirectories(dir);
        } catch (Exception e) {
            return null;
        }
        Path log = dir.resolve("orrery.log");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(ctx);
        appender.setName("WINDOW-FILE");
        appender.setFile(log.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(ctx);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("orrery.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(ctx);
        trigger.setMaxFileSize(FileSize.valueOf("1MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        String level = System.getenv("ORRERY_LOG_LEVEL");
        if (level == null || level.isBlank()) {
            root.setLevel(Level.INFO);
            // stderr stays as quiet as before; the file gets the jobs' steps
            var stderr = root.getAppender("STDERR");
            if (stderr != null) {
                ch.qos.logback.classic.filter.ThresholdFilter warn = new ch.qos.logback.classic.filter.ThresholdFilter();
                warn.setLevel("WARN");
                warn.start();
                stderr.addFilter(warn);
            }
        }
        file = log;
        LoggerFactory.getLogger(WindowLog.class).info("Orrery {} window started; data folder {}", dev.orrery.model.Version.current(), home.root());
        return log;
    }
}
