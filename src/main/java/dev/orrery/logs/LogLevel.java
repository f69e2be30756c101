package dev.orrery.logs;

import java.util.Locale;

/** How serious a line is, where the line says so; {@link #INFO} when it does not. */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR, FATAL;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** nginx's error-log levels: debug, info, notice, warn, error, crit, alert, emerg. */
    public static LogLevel ofNginx(String level) {
        return switch (level) {
            case "debug" -> DEBUG;
            case "info", "notice" -> INFO;
            case "warn" -> WARN;
            case "error" -> ERROR;
            case "crit", "alert", "emerg" -> FATAL;
            default -> INFO;
        };
    }

    /** syslog/journald PRIORITY 0 (emerg) … 7 (debug). */
    public static LogLevel ofSyslog(int priority) {
        if (priority <= 2) {
            return FATAL;
        }
        return switch (priority) {
            case 3 -> ERROR;
            case 4 -> WARN;
            case 7 -> DEBUG;
            default -> INFO;
        };
    }

    /** An access log's status class: 5xx error, 4xx warning, the rest information. */
    public static LogLevel ofStatus(int status) {
        return status >= 500 ? ERROR : status >= 400 ? WARN : INFO;
    }
}
