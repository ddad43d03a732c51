package dev.pulse.cli;

import dev.pulse.access.UserStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pulse tokens create|list|revoke}: API tokens for the server, each a user's. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Create, list and revoke API tokens.",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
public final class TokensCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API token for a user; prints the token once, on standard output alone.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--user", required = true, paramLabel = "EMAIL") String user;
        @Option(names = "--name", required = true, description = "What the token is for (etl, dashboard, ...).") String name;
        @Mixin Options options = new Options();
        private final Clock clock;

        Create(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            UsersCommand.withStore(options, clock, store -> System.out.println(store.createToken(UsersCommand.actor(), user, name)));
            System.err.println("pulse: the token above is shown this once; it is stored only as a hash");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the API tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin Options options = new Options();
        private final Clock clock;

        ListTokens(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            UsersCommand.withStore(options, clock, store -> {
                List<List<String>> rows = new ArrayList<>(List.of(List.of("id", "user", "name", "created", "revoked")));
                for (UserStore.Token token : store.tokens()) {
                    rows.add(List.of(token.id(), token.email(), token.name(), token.createdAt().toString(),
                            token.revokedAt() == null ? "" : token.revokedAt().toString()));
                }
                System.out.print(TextTable.render(rows, i -> false, true));
            });
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API token by its id (see list).")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Mixin Options options = new Options();
        private final Clock clock;

        Revoke(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            UsersCommand.withStore(options, clock, store -> store.revokeToken(UsersCommand.actor(), id));
            System.out.println("revoked " + id.trim());
            return 0;
        }
    }
}
