package dev.orrery.cli;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.CloudException;
import dev.orrery.cloud.TokenStore;
import dev.orrery.cloud.TokenStores;
import dev.orrery.engine.CloudWiring;

import java.util.List;
import java.util.Map;

/**
 * {@code orrery token set|check|delete|where}: the DigitalOcean token. {@code set} reads it from
 * standard input (never an argument, which would land in shell history and {@code ps}).
 */
public final class TokenCommand implements CliCommand {
    static final String USAGE = "token set|check|delete|where";
    private final Map<String, String> env;
    private final TokenStore store;

    public TokenCommand() {
        this(System.getenv(), null);
    }

    public TokenCommand(Map<String, String> env, TokenStore store) {
        this.env = env;
        this.store = store;
    }

    @Override
    public String name() {
        return "token";
    }

    @Override
    public String usage() {
        return "token set|check|delete|where              the DigitalOcean token (set reads it from standard input)";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        if (args.size() != 1) {
            throw new UsageException("usage: " + USAGE);
        }
        TokenStore s = store != null ? store : TokenStores.forThisSystem(ctx.home());
        switch (args.get(0)) {
            case "set" -> {
                ctx.err().println("paste the DigitalOcean token and press Enter:");
                String line = ctx.in().readLine();
                if (line == null || line.isBlank()) {
                    throw new UsageException("no token was given");
                }
                s.save(new ApiToken(line));
                ctx.out().println("token saved in " + s.describe());
            }
            case "delete" -> {
                s.delete();
                ctx.out().println("token removed from " + s.describe());
            }
            case "where" -> ctx.out().println(env.containsKey(TokenStore.ENV) ? "DIGITALOCEAN_TOKEN (environment); else " + s.describe() : s.describe());
            case "check" -> {
                try {
                    int keys = CloudWiring.provider(ctx.home(), env).sshKeys().size();
                    ctx.out().println("the token works: the account has " + keys + " SSH key" + (keys == 1 ? "" : "s"));
                } catch (CloudException e) {
                    ctx.err().println("orrery token: " + e.getMessage());
                    return 1;
                }
            }
            default -> throw new UsageException("unknown token action '" + args.get(0) + "'; usage: " + USAGE);
        }
        return 0;
    }
}
