package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;
import dev.orrery.model.Rules;
import dev.orrery.model.Tls;

/** The TLS settings found in a server block, checked by {@link Rules} as they are read. */
final class TlsDraft {
    String serverName;
    String certificate;
    String key;

    void certificate(Directive d, ImportLog l) {
        certificate = path(d, l, "balancer.tls.certificatePath");
    }

    void key(Directive d, ImportLog l) {
        key = path(d, l, "balancer.tls.keyPath");
    }

    private static String path(Directive d, ImportLog l, String field) {
        String p = d.arg(0);
        var problem = Rules.filePath(p);
        if (problem.isPresent()) {
            l.refused(d, field + " " + problem.get());
            return null;
        }
        l.mapped(d, field + " = " + p);
        return p;
    }

    /** The TLS settings, or null (with a note saying what is missing) when they are not all there. */
    Tls build(Directive server, ImportLog log) {
        if (serverName != null && Rules.hostname(serverName).isPresent()) {
            log.note("TLS: the server name \"" + serverName + "\" is not a host name Orrery can write ("
                    + Rules.hostname(serverName).get() + "); set balancer.tls.serverName");
            serverName = null;
        }
        if (serverName == null || certificate == null || key == null) {
            log.note("TLS at " + server.where() + " was not imported: it needs a server name, ssl_certificate and ssl_certificate_key, and "
                    + (serverName == null ? "the server name" : certificate == null ? "the certificate" : "the key")
                    + " is missing; the cluster is imported without TLS");
            return null;
        }
        return new Tls(serverName, certificate, key);
    }
}
