package dev.pulse.cli;

import dev.pulse.access.UserAdministration;
import dev.pulse.config.PulseConfig;
import dev.pulse.server.AdminSocket;

import dev.pulse.access.PasswordHasher;
import dev.pulse.access.Role;
import dev.pulse.access.User;
import dev.pulse.access.UserStore;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pulse users add|list|remove|set-password}: the accounts of people who use the server. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Add, list and remove the server's users, and set their passwords.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class, UsersCommand.SetPassword.class})
public final class UsersCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Who the audit log names for a change made at the command line. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** Opens the store of an imported Pulse database (a partner user needs the accounts). */
    static UserStore store(Database database, Clock clock) throws Exception {
        return new UserStore(database, new PasswordHasher(), clock);
    }

    /** What a user or token command does with the users. */
    interface StoreAction {
        void run(UserAdministration users) throws Exception;
    }

    /**
     * Opens the --db database, runs the action on its user store, and closes it; while a server holds
     * the database, the action is carried out by that server, through its admin socket.
     */
    static void withStore(Options options, Clock clock, StoreAction action) throws Exception {
        onDatabaseOrServer(options, (database, config) -> action.run(store(database, clock)),
                socket -> action.run(AdminSocket.client(socket)));
    }

    /** Work on an open database and its configuration. */
    interface OnDatabase {
        void run(Database database, PulseConfig config) throws Exception;
    }

    /** The same work, sent to the server that holds the database, through its admin socket. */
    interface OnServer {
        void run(java.nio.file.Path socket) throws Exception;
    }

    /**
     * Runs {@code local} on the --db database; while a server holds it (DuckDB lets one process write a
     * file), runs {@code remote} against that server's admin socket instead, and says so on stderr.
     */
    static void onDatabaseOrServer(Options options, OnDatabase local, OnServer remote) throws Exception {
        PulseConfig config = options.loadConfig(Catalogue.standard());
        Database database;
        try {
            database = options.openImportedOnAnyEngine(config);
        } catch (UserErrors.UserException e) {
            java.nio.file.Path socket = AdminSocket.socketOf(options.database);
            if (!e.getMessage().contains("is in use") || !java.nio.file.Files.exists(socket)) {
                throw e;
            }
            try {
                remote.run(socket);
            } catch (java.net.SocketException | java.nio.channels.ClosedChannelException unreachable) {
                throw new UserErrors.UserException(options.database + " is in use, and the server's admin socket " + socket
                        + " does not answer: is the server still running?");
            }
            System.err.println("pulse: done through the server that holds " + options.database);
            return;
        }
        try (database) {
            local.run(database, config);
        }
    }

    /** The first line of standard input: a password given without showing it in the command line or the shell's history. */
    static String passwordFromStdin() throws Exception {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new UserErrors.UserException("--password-stdin: standard input is empty; pipe the password in (printf '%s' \"$P\" | pulse ...)");
        }
        return line;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; prints a generated password once unless --password-stdin.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;
        @Option(names = "--role", required = true, description = "admin, analyst, viewer or partner.") String role;
        @Option(names = "--partner", paramLabel = "ACCOUNT_ID", description = "For --role partner: the partner account it sees the data of.")
        String partner;
        @Option(names = "--password-stdin", description = "Read the password from standard input instead of generating one.")
        boolean passwordStdin;
        @Mixin Options options = new Options();
        private final Clock clock;

        Add(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            Role chosen = Role.fromId(role).orElseThrow(() -> new UserErrors.UserException("--role '" + role
                    + "' is not one of admin, analyst, viewer, partner"));
            withStore(options, clock, store -> {
                String password = passwordStdin ? passwordFromStdin() : store.generatePassword();
                User user = store.add(actor(), email, chosen, partner, password);
                System.out.println("added " + user.email() + " (" + user.role().id() + (user.partnerId() == null ? "" : " of " + user.partnerId()) + ")");
                if (!passwordStdin) {
                    System.out.println("password (shown this once): " + password);
                }
            });
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin Options options = new Options();
        private final Clock clock;

        ListUsers(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            withStore(options, clock, store -> {
                List<List<String>> rows = new ArrayList<>(List.of(List.of("email", "role", "partner", "since")));
                for (User user : store.list()) {
                    rows.add(List.of(user.email(), user.role().id(), user.partnerId() == null ? "" : user.partnerId(), user.createdAt().toString()));
                }
                System.out.print(TextTable.render(rows, i -> false, true));
            });
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and their API tokens.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;
        @Mixin Options options = new Options();
        private final Clock clock;

        Remove(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            withStore(options, clock, store -> store.remove(actor(), email));
            System.out.println("removed " + email.trim().toLowerCase(java.util.Locale.ROOT));
            return 0;
        }
    }

    @Command(name = "set-password", mixinStandardHelpOptions = true, description = "Set a user's password, read from standard input.")
    static final class SetPassword implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;
        @Option(names = "--password-stdin", required = true, description = "Read the password from standard input.") boolean passwordStdin;
        @Mixin Options options = new Options();
        private final Clock clock;

        SetPassword(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() throws Exception {
            String password = passwordFromStdin();
            withStore(options, clock, store -> store.setPassword(actor(), email, password));
            System.out.println("password set for " + email.trim().toLowerCase(java.util.Locale.ROOT));
            return 0;
        }
    }
}
