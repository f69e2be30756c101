package dev.orrery.cloud;

/**
 * A call to the cloud API failed. Carries what the API said — its error {@code id} (e.g.
 * {@code not_found}), its {@code message} and the {@code request_id} to quote to support — and
 * whether the outcome is <em>ambiguous</em>: the request may have been carried out even though
 * no answer arrived (a timeout, a dropped connection, a 5xx), so a create must not be repeated
 * before looking for what it may have made.
 */
public class CloudException extends RuntimeException {
    private final int status;
    private final String errorId;
    private final String apiMessage;
    private final String requestId;
    private final boolean ambiguous;

    public CloudException(String message, int status, String errorId, String apiMessage, String requestId,
                          boolean ambiguous, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorId = errorId;
        this.apiMessage = apiMessage;
        this.requestId = requestId;
        this.ambiguous = ambiguous;
    }

    public CloudException(String message) {
        this(message, 0, null, null, null, false, null);
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The API's error id, e.g. {@code not_found}, {@code unauthorized}, {@code too_many_requests}. */
    public String errorId() {
        return errorId;
    }

    public String apiMessage() {
        return apiMessage;
    }

    public String requestId() {
        return requestId;
    }

    public boolean ambiguous() {
        return ambiguous;
    }

    public boolean notFound() {
        return status == 404;
    }
}
