package dev.orrery.health;

/**
 * The result of one probe.
 *
 * @param latencyMs time from sending to the answer (or to the failure), in milliseconds
 * @param status    the HTTP status, or 0 when there was no answer
 * @param detail    a short reason for a failure, empty on success
 */
public record ProbeResult(Outcome outcome, double latencyMs, int status, String detail) {

    public ProbeResult {
        detail = detail != null ? detail : "";
    }

    public static ProbeResult ok(double latencyMs, int status) {
        return new ProbeResult(Outcome.ofStatus(status), latencyMs, status,
                Outcome.ofStatus(status).success() ? "" : "HTTP " + status);
    }

    public static ProbeResult failed(Outcome outcome, double latencyMs, String detail) {
        return new ProbeResult(outcome, latencyMs, 0, detail);
    }

    public boolean success() {
        return outcome.success();
    }

    /** The result in words: "HTTP 200 in 4.1 ms", "refused after 0.3 ms", "error: …". */
    public String describe() {
        String what = switch (outcome) {
            case OK, BAD_STATUS -> "HTTP " + status;
            case TIMEOUT, REFUSED -> outcome.word();
            case ERROR -> "error: " + detail;
        };
        return what + String.format(java.util.Locale.ROOT, " in %.1f ms", latencyMs);
    }
}
