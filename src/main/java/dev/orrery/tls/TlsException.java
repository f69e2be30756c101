package dev.orrery.tls;

/**
 * Getting or installing a certificate failed at {@link #step()}. The message names the step and
 * what happened; {@link #oldCertificateServes()} says whether the balancer still serves the
 * certificate it had (true unless the failure came during or after the install).
 */
public final class TlsException extends Exception {
    private final TlsStep step;
    private final String detail;
    private final boolean oldCertificateServes;

    public TlsException(TlsStep step, String detail, boolean oldCertificateServes, Throwable cause) {
        super("failed at step \"" + step.words() + "\": " + detail
                + (oldCertificateServes ? "\nThe balancer still serves its previous certificate." : ""), cause);
        this.step = step;
        this.detail = detail;
        this.oldCertificateServes = oldCertificateServes;
    }

    public TlsException(TlsStep step, String detail) {
        this(step, detail, step.ordinal() < TlsStep.INSTALL.ordinal(), null);
    }

    public TlsStep step() {
        return step;
    }

    public String detail() {
        return detail;
    }

    public boolean oldCertificateServes() {
        return oldCertificateServes;
    }
}
