package dev.orrery.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orrery tls issue|renew|status}: the balancer's ACME certificate, through the same engine jobs as the window. */
@Command(name = "tls", mixinStandardHelpOptions = true,
        description = {"The balancer's TLS certificate from Let's Encrypt (or any ACME CA): get it, renew it, see it."},
        subcommands = {CommandLine.HelpCommand.class, TlsIssueCommand.class, TlsRenewCommand.class, TlsStatusCommand.class},
        footer = {"", "The ACME account key is kept like the DigitalOcean token (keychain, or a 0600 file); never in the cluster file.",
                "ORRERY_ACME_CA_CERTS: a PEM file of extra roots for a test or private ACME CA (Pebble).",
                "ORRERY_DNS_SERVERS: host[:port],... where a dns-01 record must be visible (default: DigitalOcean's name servers).",
                "Both can also be set in ORRERY_HOME/tls.json as \"caCertificates\" and \"dnsServers\"."})
final class TlsCommand extends CliBase {
    @Override
    protected int execute() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing what to do: issue, renew or status");
    }
}
