package dev.orrery.cli;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.CloudException;
import dev.orrery.cloud.TokenStore;
import dev.orrery.cloud.TokenStores;
import dev.orrery.engine.CloudWiring;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code orrery token set|check|delete|where}: the DigitalOcean token. {@code set} reads it from
 * standard input (never an argument, which would land in shell history and {@code ps}).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Set, check or delete the DigitalOcean API token.", "It is kept in the login keyring, the macOS keychain, or a file only you can read."},
        subcommands = {CommandLine.HelpCommand.class, TokenCommand.Set.class, TokenCommand.Check.class, TokenCommand.Delete.class,
                TokenCommand.Where.class})
final class TokenCommand extends CliBase {
    @Override
    protected int execute() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing what to do: set, check, delete or where");
    }

    static TokenStore store(CliContext ctx) {
        return ctx.seams().tokens() != null ? ctx.seams().tokens() : TokenStores.forThisSystem(ctx.home());
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Read the token from standard input and keep it (never from an argument).")
    static final class Set extends CliBase {
        @Override
        protected int execute() throws Exception {
            ctx().err().println("paste the DigitalOcean token and press Enter:");
            String line = ctx().in().readLine();
            if (line == null || line.isBlank()) {
                ctx().err().println("orrery token set: no token was given");
                return 1;
            }
            ApiToken token;
            try {
                token = new ApiToken(line);
            } catch (IllegalArgumentException e) {
                ctx().err().println("orrery token set: " + e.getMessage());
                return 1;
            }
            TokenStore s = store(ctx());
            s.save(token);
            ctx().out().println("token saved in " + s.describe());
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Ask the API whether the token works.")
    static final class Check extends CliBase {
        @Override
        protected int execute() throws Exception {
            try {
                int keys = CloudWiring.provider(ctx().home(), ctx().env()).sshKeys().size();
                ctx().out().println("the token works: the account has " + keys + " SSH key" + (keys == 1 ? "" : "s"));
                return 0;
            } catch (CloudException e) {
                ctx().err().println("orrery token check: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove the kept token.")
    static final class Delete extends CliBase {
        @Override
        protected int execute() throws Exception {
            TokenStore s = store(ctx());
            s.delete();
            ctx().out().println("token removed from " + s.describe());
            return 0;
        }
    }

    @Command(name = "where", mixinStandardHelpOptions = true, description = "Say where the token is read from.")
    static final class Where extends CliBase {
        @Override
        protected int execute() {
            TokenStore s = store(ctx());
            ctx().out().println(ctx().env().containsKey(TokenStore.ENV) ? "DIGITALOCEAN_TOKEN (environment); else " + s.describe() : s.describe());
            return 0;
        }
    }
}
