package dev.orrery;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logging set up in code ({@link LogSetup}) writes what the XML configuration it replaced wrote:
 * the same lines, to standard error, at the same levels. The old file is kept as a test resource
 * ({@code dev/orrery/logback-as-it-was.xml}) and read by logback's own XML configurator here.
 */
class LogSetupTest {
    private static final List<String> LOGGERS = List.of("ROOT", "dev.orrery.engine.Engine", "net.schmizz.sshj.SSHClient",
            "net.schmizz.sshj.transport.TransportImpl", "net.schmizz.concurrent.Promise", "com.hierynomus.sshj.Foo",
            "org.apache.sshd.server.SshServer", "okhttp3.OkHttpClient", "org.sqlite.JDBC");

    @Test
    void theProgramsLoggingIsSetUpInCode() {
        // this JVM's logback found LogSetup as a service, as the program's does
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogSetup.STDERR)).isInstanceOf(ConsoleAppender.class);
        assertThat(ctx.getObject(ch.qos.logback.core.CoreConstants.SAFE_JORAN_CONFIGURATION)).as("no XML configuration ran").isNull();
    }

    @Test
    void sameLinesSameLevelsSameStreamAsTheXmlItReplaced() throws Exception {
        if (System.getenv("ORRERY_LOG_LEVEL") != null || System.getProperty("ORRERY_LOG_LEVEL") != null) {
            return; // both read it; the comparison below is of the default
        }
        LoggerContext inCode = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(inCode);
        setup.configure(inCode);
        LoggerContext fromXml = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromXml);
        joran.doConfigure(LogSetupTest.class.getResource("/dev/orrery/logback-as-it-was.xml"));

        for (String name : LOGGERS) {
            assertThat(inCode.getLogger(name).getEffectiveLevel()).as(name).isEqualTo(fromXml.getLogger(name).getEffectiveLevel());
        }
        ConsoleAppender<ILoggingEvent> a = (ConsoleAppender<ILoggingEvent>) inCode.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        ConsoleAppender<ILoggingEvent> b = (ConsoleAppender<ILoggingEvent>) fromXml.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(a.getTarget()).isEqualTo(b.getTarget()).isEqualTo("System.err");
        LoggingEvent event = new LoggingEvent(LogSetupTest.class.getName(), inCode.getLogger("dev.orrery.engine.Engine"), Level.WARN,
                "job {} failed", new IllegalStateException("no route"), new Object[]{7});
        event.setThreadName("orrery-io-1");
        event.setTimeStamp(1_796_000_000_123L);
        assertThat(text(a, event)).isEqualTo(text(b, event)).contains(" WARN  [orrery-io-1] d.o.engine.Engine - job 7 failed")
                .contains("java.lang.IllegalStateException: no route");
        inCode.stop();
        fromXml.stop();
    }

    @Test
    void rootLevelFromPropertyThenEnvironmentElseWarn() {
        assertThat(LogSetup.rootLevel(null, null)).isEqualTo(Level.WARN);
        assertThat(LogSetup.rootLevel(" ", "")).isEqualTo(Level.WARN);
        assertThat(LogSetup.rootLevel(null, "info")).isEqualTo(Level.INFO);
        assertThat(LogSetup.rootLevel("ERROR", "info")).isEqualTo(Level.ERROR);
        assertThat(LogSetup.rootLevel(null, "chatty")).as("an unknown name, as logback reads it").isEqualTo(Level.DEBUG);
    }

    private static String text(OutputStreamAppender<ILoggingEvent> appender, ILoggingEvent event) {
        return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    }
}
