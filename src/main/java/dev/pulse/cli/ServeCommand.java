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
        Database database = options.openImported(config);
        UserStore users = UsersCommand.store(database, clock);
        if (users.list().isEmpty()) {
            System.err.println("pulse: no user yet: add one with 'pulse users add EMAIL --role admin --db " + options.database
                    + "' (it works while the server runs)");
        }
        Javalin app;
        try {
            app = new PulseServer(database, config, catalogue, users, clock, tls != null || behindHttps).start(host, port, tls);
        } catch (RuntimeException e) {
            database.close();
            throw new UserErrors.UserException("cannot listen on " + host + ":" + port + " (in use, or not this machine's address?)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
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
