package dev.orrery.health;

/** How one probe ended. Only {@link #OK} (a 2xx or 3xx answer) counts as a success. */
public enum Outcome {
    OK("ok"),
    BAD_STATUS("bad status"),
    TIMEOUT("timeout"),
    REFUSED("refused"),
    ERROR("error");

    private static final Outcome[] BY_CODE = values();
    private final String word;

    Outcome(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public boolean success() {
        return this == OK;
    }

    /** Compact code for the primitive history arrays. */
    public byte code() {
        return (byte) ordinal();
    }

    public static Outcome ofCode(byte code) {
        return BY_CODE[code];
    }

    /** The module's {@code check_http_expect_alive http_2xx http_3xx}. */
    public static Outcome ofStatus(int status) {
        return status >= 200 && status < 400 ? OK : BAD_STATUS;
    }
}
