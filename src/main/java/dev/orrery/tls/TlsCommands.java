package dev.orrery.tls;

import dev.orrery.remote.Command;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the certificate workflow runs on the balancer, as data (see proxy.BalancerCommands for
 * the style): constant scripts with the values as quoted positional arguments. Every name and
 * path has passed model.Rules before it gets here.
 */
public final class TlsCommands {
    private TlsCommands() {
    }

    /** Printed by {@link #commitCertificate} when HAProxy took the new certificate. */
    static final String COMMITTED = "Success!";

    /**
     * A certificate request for {@code names} signed by the balancer's key, printed as PEM: the
     * key never leaves the balancer. The first name is the subject; all are subject alternative names.
     */
    public static Command certificateRequest(String key, List<String> names) {
        String san = names.stream().map(n -> "DNS:" + n).collect(Collectors.joining(","));
        return Command.of("openssl", "req", "-new", "-key", key, "-subj", "/CN=" + names.get(0), "-addext", "subjectAltName=" + san)
                .describedAs("make a certificate request for " + String.join(", ", names) + " with the key " + key);
    }

    /** Exit 0 when the certificate in {@code certificate} belongs to the key in {@code key}. */
    public static Command matchesKey(String certificate, String key) {
        return Command.of("sh", "-c", "a=$(openssl x509 -noout -pubkey -in \"$1\") && b=$(openssl pkey -pubout -in \"$2\") && test \"$a\" = \"$b\"",
                "sh", certificate, key).describedAs("check that " + certificate + " matches the key " + key);
    }

    /** Prints the file (a certificate: public). Exit 1 when it is missing. */
    public static Command read(String path) {
        return Command.of("cat", path);
    }

    public static Command remove(String path) {
        return Command.of("rm", "-f", path);
    }

    public static Command move(String from, String to) {
        return Command.of("mv", "-f", from, to);
    }

    /**
     * Hands HAProxy a new certificate through its runtime API, no reload: {@code set ssl cert}
     * with the bundle file's content as the payload, then {@code commit ssl cert}. The PEM (with
     * the key) travels from the file into the socket on the balancer, never on a command line.
     */
    public static Command commitCertificate(String socket, String bundle, boolean socat) {
        if (socat) {
            return Command.of("sh", "-c", "{ printf 'set ssl cert %s <<\\n' \"$2\"; sed '/^[[:space:]]*$/d' \"$2\"; printf '\\n'; } | socat -t 5 stdio \"UNIX-CONNECT:$1\""
                            + " && printf 'commit ssl cert %s\\n' \"$2\" | socat -t 5 stdio \"UNIX-CONNECT:$1\"", "sh", socket, bundle)
                    .describedAs("haproxy runtime API: set ssl cert " + bundle + " and commit");
        }
        return Command.of("perl", "-e", PERL_SET_CERT, socket, bundle).describedAs("haproxy runtime API: set ssl cert " + bundle + " and commit");
    }

    /** A blank line ends a runtime API payload, so the PEM goes without any. */
    static final String PERL_SET_CERT = "use IO::Socket::UNIX; sub api { my $s = IO::Socket::UNIX->new(Peer => $ARGV[0])"
            + " or die \"cannot connect to $ARGV[0]: $!\\n\"; print $s $_[0]; print while <$s>; }"
            + " open(my $f, '<', $ARGV[1]) or die \"cannot read $ARGV[1]: $!\\n\"; local $/; my $pem = <$f>; close $f; $pem =~ s/^\\s*\\n//mg;"
            + " api(\"set ssl cert $ARGV[1] <<\\n$pem\\n\"); api(\"commit ssl cert $ARGV[1]\\n\");";
}
