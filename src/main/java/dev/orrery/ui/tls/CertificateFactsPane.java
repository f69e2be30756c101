package dev.orrery.ui.tls;

import dev.orrery.tls.CertificateFacts;
import dev.orrery.tls.CertificateStatus;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import java.util.Locale;

/**
 * A balancer's certificate as label/value rows: issuer, names, expiry, last renewal result, who
 * renews and when. Used by the certificate window and the inspector. Ids: {@code PREFIX-fact-NAME}.
 */
final class CertificateFactsPane extends GridPane {
    private final String prefix;

    CertificateFactsPane(String prefix) {
        this.prefix = prefix;
        getStyleClass().add("inspector-facts");
        setHgap(10);
        setVgap(4);
    }

    void show(CertificateStatus s, boolean full) {
        getChildren().clear();
        int row = 0;
        CertificateFacts f = s.served();
        if (f == null) {
            row = fact(row, "Served", s.servedError() == null ? "not read yet" : s.servedError());
        } else {
            row = fact(row, "Issuer", f.issuer() + (s.selfSigned() ? " (self-signed stand-in)" : ""));
            row = fact(row, "Names", String.join(", ", f.names().isEmpty() ? java.util.List.of(f.subject()) : f.names()));
            row = fact(row, "Expires", f.notAfter().toString().substring(0, 16).replace('T', ' ') + " UTC (" + s.left() + ")");
            if (full) {
                row = fact(row, "Serial", f.serial());
            }
        }
        row = fact(row, "Last renewal", s.last() == null ? "none yet" : s.last().summary());
        row = fact(row, "Renewed by", s.renewOn());
        if (full) {
            row = fact(row, "Next renewal", s.nextRenewal() == null ? "—" : s.nextRenewal().toString().substring(0, 16).replace('T', ' ') + " UTC");
            fact(row, "CA", s.ca());
        }
    }

    private int fact(int row, String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        Label v = new Label(value);
        v.setWrapText(true);
        v.getStyleClass().add("fact-value");
        v.setId(prefix + "-fact-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
        add(l, 0, row);
        add(v, 1, row);
        return row + 1;
    }
}
