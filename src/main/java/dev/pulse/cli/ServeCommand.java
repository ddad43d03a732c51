package dev.pulse.cli;

import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.server.PulseServer;
import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard and the REST API (described at /api/openapi.json) until stopped.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    Options options = new Options();

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 for a free one).")
    int port;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain (PEM, e.g. fullchain.pem); with --tls-key.")
    java.nio.file.Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PEM, unencrypted PKCS#8); with --tls-cert.")
    java.nio.file.Path tlsKey;

    @Option(names = "--behind-https", description = "The server is reached through a reverse proxy that serves HTTPS: cookies are marked Secure.")
    boolean behindHttps;

    @Option(names = "--readers", defaultValue = "4", description = "On PostgreSQL: how many requests are answered side by side, each on a"
            + " connection of its own (default: ${DEFAULT-VALUE}); writes go one at a time through one more connection.")
    int readers;

    private final Clock clock;

    ServeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new UserErrors.UserException("--port must be 0 to 65535 (it was " + port + ")");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new UserErrors.UserException("--tls-cert and --tls-key go together: give both for HTTPS, or neither");
        }
        java.security.KeyStore tls = null;
        if (tlsCert != null) {
            try {
                tls = dev.pulse.server.TlsKeys.load(tlsCert, tlsKey);
            } catch (dev.pulse.server.TlsKeys.TlsException e) {
                throw new UserErrors.UserException(e.getMessage());
            }
        }
        Catalogue catalogue = Catalogue.standard();
        PulseConfig config = options.loadConfig(catalogue);
        if (readers < 1 || readers > 100) {
            throw new UserErrors.UserException("--readers must be 1 to 100 (it was " + readers + ")");
        }
        boolean postgres = Options.isPostgres(options.database);
        Database database = options.openImportedOnAnyEngine(config);
        Database.PostgresPool pool = null;
        Javalin app;
        try {
            if (postgres) {
                pool = Database.openPostgresPool(Options.postgresUrl(options.database), readers);
            }
            UserStore users = UsersCommand.store(database, clock);
            if (users.list().isEmpty()) {
                System.err.println("pulse: no user yet: add one with 'pulse users add EMAIL --role admin --db "
                        + (postgres ? Options.shown(Options.postgresUrl(options.database)) : options.database) + "' (it works while the server runs)");
            }
            try {
                app = new PulseServer(database, pool, config, catalogue, users, clock, tls != null || behindHttps).start(host, port, tls);
            } catch (RuntimeException e) {
                throw new UserErrors.UserException("cannot listen on " + host + ":" + port + " (in use, or not this machine's address?)");
            }
        } catch (Exception e) {
            if (pool != null) {
                pool.close();
            }
            database.close();
            throw e;
        }
        Database.PostgresPool readerPool = pool;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            if (readerPool != null) {
                readerPool.close();
            }
            try {
                database.close();
            } catch (java.sql.SQLException ignored) {
                // the process ends anyway
            }
            stopped.countDown();
        }));
        System.out.println("Pulse serves " + (tls != null ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port() + "/ (the dashboard; the API is"
                + " described at /api/openapi.json; Ctrl-C stops it)");
        stopped.await();
        return 0;
    }
}
