package dev.pulse.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** A connection to the analytical database and the one place statements are executed. */
public final class Database implements AutoCloseable {
    private Connection connection;
    /** PostgreSQL: how to connect again when the server ended the connection (a restart); null otherwise. */
    private Reconnect reconnect;

    @FunctionalInterface
    private interface Reconnect {
        Connection open() throws SQLException;
    }
    private final Dialect dialect;
    private final String label;
    private final Path file;

    private Database(Connection connection, Dialect dialect, Path file) {
        this(connection, dialect, file, file == null ? "an in-memory database" : String.valueOf(file.getFileName()));
    }

    private Database(Connection connection, Dialect dialect, Path file, String label) {
        this.connection = requireNonNull(connection, "connection is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.file = file;
        this.label = requireNonNull(label, "label is null");
    }

    /** What the data is in, for people: the file's name, or the PostgreSQL database's. */
    public String label() {
        return label;
    }

    /** Opens (creating if needed) a DuckDB file; {@code null} opens an in-memory database. */
    public static Database openDuckDb(Path file, String memoryLimit) throws SQLException {
        Properties properties = new Properties();
        if (memoryLimit != null) {
            properties.setProperty("memory_limit", memoryLimit);
        }
        String url = "jdbc:duckdb:";
        if (file != null) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
            }
            url += file.toAbsolutePath();
        }
        Connection connection = DriverManager.getConnection(url, properties);
        try (var statement = connection.createStatement()) {
            // progress is tracked only with the progress bar enabled; DuckDB's own printing of it stays off
            statement.execute("SET enable_progress_bar = true");
            statement.execute("SET enable_progress_bar_print = false");
        }
        return new Database(connection, new DuckDbDialect(), file);
    }

    /**
     * Connects to a PostgreSQL database: {@code postgresql://user[:password]@host[:port]/database[?sslmode=...]}
     * or the same as {@code jdbc:postgresql://...}. Without a password in the URL, PGPASSWORD's, else the
     * driver reads ~/.pgpass (or PGPASSFILE). Creates nothing: {@link #preparePulseObjects} does, for a
     * database Pulse stores in.
     */
    public static Database openPostgres(String url) throws SQLException {
        String jdbc = jdbcPostgresUrl(url);
        Properties properties = new Properties();
        String password = System.getenv("PGPASSWORD");
        if (password != null && !jdbc.contains("password=")) {
            properties.setProperty("password", password);
        }
        Connection connection = DriverManager.getConnection(jdbc, properties);
        Database database = new Database(connection, new PostgreSqlDialect(), null, "the PostgreSQL database " + postgresName(url));
        database.reconnect = () -> DriverManager.getConnection(jdbc, properties);
        return database;
    }

    /**
     * A pool of connections to a PostgreSQL database ({@link #openPostgres}'s URL and password), for
     * readers that run side by side: each {@link PostgresPool#borrow} is a Database whose close gives its
     * connection back.
     */
    public static PostgresPool openPostgresPool(String url, int size) throws SQLException {
        com.zaxxer.hikari.HikariConfig hikari = new com.zaxxer.hikari.HikariConfig();
        hikari.setJdbcUrl(jdbcPostgresUrl(url));
        String password = System.getenv("PGPASSWORD");
        if (password != null && !hikari.getJdbcUrl().contains("password=")) {
            hikari.setPassword(password);
        }
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("pulse-readers");
        hikari.setReadOnly(true); // a reader never writes: the server's writes go through its one writing connection
        hikari.setConnectionTimeout(30_000);
        try {
            return new PostgresPool(new com.zaxxer.hikari.HikariDataSource(hikari), "the PostgreSQL database " + postgresName(url));
        } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
    }

    /** Connections to one PostgreSQL database, lent as Databases. */
    public static final class PostgresPool implements AutoCloseable {
        private final com.zaxxer.hikari.HikariDataSource source;
        private final String label;

        private PostgresPool(com.zaxxer.hikari.HikariDataSource source, String label) {
            this.source = source;
            this.label = label;
        }

        /** A connection of the pool, as a Database; closing it gives the connection back. */
        public Database borrow() throws SQLException {
            return new Database(source.getConnection(), new PostgreSqlDialect(), null, label);
        }

        @Override
        public void close() {
            source.close();
        }
    }

    /** The database's name in a PostgreSQL URL: what follows the last "/", without the parameters. */
    public static String postgresName(String url) {
        return url.replaceFirst("\\?.*$", "").replaceFirst("^.*/", "");
    }

    /**
     * Makes sure a PostgreSQL database Pulse stores in has what the portable SQL needs: the domain
     * {@code "double"} (double precision) it casts to, and the aggregate {@code median} (continuous) the
     * drivers' declared expressions use. Nothing on DuckDB.
     */
    public void preparePulseObjects() throws SQLException {
        if (!(dialect instanceof PostgreSqlDialect)) {
            return;
        }
        execute("DO $$ BEGIN CREATE DOMAIN \"double\" AS double precision; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        execute("CREATE OR REPLACE FUNCTION pulse_median(double precision[]) RETURNS double precision LANGUAGE sql IMMUTABLE"
                + " AS $$ SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest($1) x $$");
        execute("CREATE OR REPLACE AGGREGATE median(double precision) (SFUNC = array_append, STYPE = double precision[],"
                + " FINALFUNC = pulse_median, INITCOND = '{}')");
    }

    /** postgresql://user:password@host:port/db?x=y as the driver's jdbc:postgresql://host:port/db?user=..&password=..&x=y. */
    static String jdbcPostgresUrl(String url) {
        String rest = url.replaceFirst("^(jdbc:)?postgres(ql)?://", "");
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        List<String> parameters = new java.util.ArrayList<>();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = credentials.indexOf(':');
            String user = colon < 0 ? credentials : credentials.substring(0, colon);
            parameters.add("user=" + user);
            if (colon >= 0) {
                parameters.add("password=" + credentials.substring(colon + 1));
            }
        }
        if (!query.isEmpty()) {
            parameters.add(query);
        }
        return "jdbc:postgresql://" + rest + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    public Dialect dialect() {
        return dialect;
    }

    public Path file() {
        return file;
    }

    public Connection connection() throws SQLException {
        ensureOpen();
        return connection;
    }

    /**
     * PostgreSQL: a connection the server ended (a restart, an administrator's pg_terminate_backend) is
     * closed by the driver when a statement fails on it; the next statement connects again. The failed
     * statement is not retried: it may have been carried out, and a write must not happen twice.
     */
    private void ensureOpen() throws SQLException {
        if (reconnect == null || !connection.isClosed()) {
            return;
        }
        synchronized (prepared) {
            prepared.clear(); // statements of the closed connection
        }
        connection = reconnect.open();
    }

    public int execute(Sql sql) throws SQLException {
        return withStatement(sql, statement -> {
            statement.execute();
            return Math.max(statement.getUpdateCount(), 0);
        });
    }

    /**
     * Hands every statement this database runs to {@code listener}, after it ran (tests compare the
     * generated SQL with the expected text of each dialect).
     */
    public void onStatement(Consumer<Sql> listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    private Consumer<Sql> listener = sql -> { };

    /** With PULSE_TRACE set, every statement's time goes to standard error (for profiling, not for users). */
    private void trace(Sql sql, long start) {
        listener.accept(sql);
        if (TRACE) {
            String text = sql.text().replaceAll("\\s+", " ");
            int shown = "full".equals(System.getenv("PULSE_TRACE")) ? text.length() : Math.min(140, text.length());
            System.err.printf("[trace] %7.3f s  %s%n", (System.nanoTime() - start) / 1e9, text.substring(0, shown));
        }
    }

    private static final boolean TRACE = System.getenv("PULSE_TRACE") != null;

    public int execute(String sql) throws SQLException {
        return execute(Sql.of(sql));
    }

    /** Runs a statement while {@code progress} is told the engine's completion (0-100) every 200 ms. */
    public int executeWithProgress(Sql sql, Consumer<Double> progress) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = prepare(sql)) {
            Thread poller = new Thread(() -> {
                try {
                    org.duckdb.DuckDBPreparedStatement duck = statement.unwrap(org.duckdb.DuckDBPreparedStatement.class);
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(200);
                        double percentage = duck.getQueryProgress().getPercentage();
                        if (percentage >= 0) {
                            progress.accept(percentage);
                        }
                    }
                } catch (InterruptedException | SQLException | RuntimeException e) {
                    // progress is best effort: the statement itself reports real failures
                }
            }, "progress");
            poller.setDaemon(true);
            poller.start();
            try {
                statement.execute();
                return Math.max(statement.getUpdateCount(), 0);
            } finally {
                poller.interrupt();
                progress.accept(100.0);
            }
        } finally {
            trace(sql, start);
        }
    }

    public List<Map<String, Object>> query(Sql sql) throws SQLException {
        return withStatement(sql, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rows.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        });
    }

    /** A row of a streamed query; may throw to stop. */
    @FunctionalInterface
    public interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    /** Runs a query and hands its rows one at a time, without holding the result in memory. */
    public void stream(Sql sql, RowHandler handler) throws SQLException {
        withStatement(sql, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.accept(rows);
                }
            }
            return null;
        });
    }

    public long queryLong(Sql sql) throws SQLException {
        return withStatement(sql, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    public boolean tableExists(String table) throws SQLException {
        // PostgreSQL: in the schema Pulse works in (search_path, or currentSchema in the URL), not any schema of the database
        String schema = dialect instanceof PostgreSqlDialect ? " AND table_schema = current_schema()" : "";
        return queryLong(Sql.of("SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = lower(?)" + schema, table)) > 0;
    }

    /**
     * Prepared statements of short SQL texts, kept for reuse: preparing is most of the cost of the small
     * statements an answer or a case update runs (measured: about two thirds of an answer's time). A
     * statement in use is out of the cache, so two threads never share one.
     */
    private final LinkedHashMap<String, PreparedStatement> prepared = new LinkedHashMap<>(64, 0.75f, true);
    private static final int PREPARED_KEPT = 64;
    private static final int PREPARED_MAX_TEXT = 2_000;

    private PreparedStatement borrow(Sql sql) throws SQLException {
        PreparedStatement statement = null;
        if (sql.text().length() <= PREPARED_MAX_TEXT) {
            synchronized (prepared) {
                statement = prepared.remove(sql.text());
            }
        }
        if (statement == null) {
            return prepare(sql);
        }
        try {
            statement.clearParameters();
            return bind(statement, sql);
        } catch (SQLException e) {
            statement.close();
            return prepare(sql);
        }
    }

    /** Keeps a statement that ran well for the next use of its text; closes any other. */
    private void giveBack(Sql sql, PreparedStatement statement, boolean ranWell) throws SQLException {
        if (!ranWell || sql.text().length() > PREPARED_MAX_TEXT || connection.isClosed()) {
            statement.close();
            return;
        }
        PreparedStatement evicted = null;
        PreparedStatement replaced;
        synchronized (prepared) {
            replaced = prepared.put(sql.text(), statement);
            if (prepared.size() > PREPARED_KEPT) {
                var eldest = prepared.entrySet().iterator().next();
                evicted = eldest.getValue();
                prepared.remove(eldest.getKey());
            }
        }
        if (replaced != null && replaced != statement) {
            replaced.close();
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    private PreparedStatement prepare(Sql sql) throws SQLException {
        return bind(connection.prepareStatement(sql.text()), sql);
    }

    private static PreparedStatement bind(PreparedStatement statement, Sql sql) throws SQLException {
        for (int i = 0; i < sql.binds().size(); i++) {
            statement.setObject(i + 1, sql.binds().get(i));
        }
        return statement;
    }

    private interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Runs work on the statement of {@code sql} (a kept one when there is one), then keeps it or closes it, and traces it. */
    private <T> T withStatement(Sql sql, StatementWork<T> work) throws SQLException {
        ensureOpen();
        long start = System.nanoTime();
        PreparedStatement statement = borrow(sql);
        boolean ranWell = false;
        try {
            T result = work.run(statement);
            ranWell = true;
            return result;
        } finally {
            giveBack(sql, statement, ranWell);
            trace(sql, start);
        }
    }

    /**
     * PostgreSQL: loads a CSV file with a header into {@code columns} of {@code table} through COPY FROM
     * STDIN (DuckDB reads such a file in SQL, {@link Dialect#readCsvAsText}).
     */
    public long copyCsvInto(String table, List<String> columns, Path csv) throws SQLException, java.io.IOException {
        if (!(dialect instanceof PostgreSqlDialect)) {
            throw new UnsupportedOperationException("COPY FROM STDIN is PostgreSQL's");
        }
        List<String> quoted = columns.stream().map(dialect::identifier).toList();
        try (java.io.Reader reader = Files.newBufferedReader(csv, java.nio.charset.StandardCharsets.UTF_8)) {
            return new org.postgresql.copy.CopyManager(connection().unwrap(org.postgresql.core.BaseConnection.class))
                    .copyIn("COPY " + dialect.identifier(table) + " (" + String.join(", ", quoted) + ") FROM STDIN (FORMAT csv, HEADER true)", reader);
        }
    }

    /** Work of one transaction; it may fail with SQL or with its own checked exception E. */
    @FunctionalInterface
    public interface TransactionWork<T, E extends Exception> {
        T run() throws SQLException, E;
    }

    /**
     * Runs work in one transaction: all of it is stored, or none (a failure rolls it back, a crash
     * half-way leaves nothing half-written).
     */
    public <T, E extends Exception> T inTransaction(TransactionWork<T, E> work) throws SQLException, E {
        ensureOpen();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (Exception e) {
            if (!connection.isClosed()) { // a connection the server ended has nothing to roll back, and says the first failure
                connection.rollback();
            }
            throw e;
        } finally {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        synchronized (prepared) {
            for (PreparedStatement statement : prepared.values()) {
                statement.close();
            }
            prepared.clear();
        }
        connection.close();
    }
}
