package dev.pulse.server;

import dev.pulse.access.User;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Changes;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.RowPage;
import dev.pulse.metrics.RowQuery;
import dev.pulse.metrics.Scope;
import dev.pulse.metrics.WithheldException;

import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The server's hold on the database: one connection for writes (and, on DuckDB, every query), used one
 * statement at a time under {@link #lock}; on PostgreSQL a pool of reading connections besides, so that
 * requests are answered side by side; an engine per scope; and a cache of answers keyed by scope, request
 * and the data's version (each change of the data bumps it, so a cached answer is never one of older
 * data; on PostgreSQL a change by another process too, seen by {@link #refresh}). A user's scope comes from its role here, and
 * only here; handlers and pages never build one.
 */
final class DataAccess {
    /** A computation that may fail as a user error, under the database's lock. */
    @FunctionalInterface
    interface Work<T> {
        T run(MetricEngine engine) throws MetricException, SQLException, WithheldException;
    }

    private final Database database;
    private final PulseConfig config;
    private final Catalogue catalogue;
    private final Object lock = new Object();
    private final Map<Scope, MetricEngine> engines = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final Map<String, Object> answers = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > 2_000;
        }
    });

    private final java.time.Clock clock;
    /** PostgreSQL: the readers' connections, used side by side; null on DuckDB (one connection, one query at a time). */
    private final Database.PostgresPool readers;
    /** PostgreSQL: the database's change counters as last seen ({@link Changes}). */
    private Map<String, Long> seen = Map.of();
    private final List<Runnable> accessListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param readers PostgreSQL: connections for queries that run side by side with the writing one; null
     *                on DuckDB
     */
    DataAccess(Database database, Database.PostgresPool readers, PulseConfig config, Catalogue catalogue, java.time.Clock clock)
            throws SQLException {
        this.clock = requireNonNull(clock, "clock is null");
        this.database = requireNonNull(database, "database is null");
        this.readers = readers;
        this.config = requireNonNull(config, "config is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        if (Changes.tracked(database)) {
            dev.pulse.ingest.Schema.trackChanges(database);
            seen = Changes.versions(database);
        }
    }

    /** Runs {@code listener} when another process changed the users or tokens (seen by {@link #refresh}). */
    void onAccessChanged(Runnable listener) {
        accessListeners.add(listener);
    }

    /**
     * PostgreSQL: takes in what other processes changed since the last call (an import from the command
     * line, a user added, an answer stored by another server): cached answers of older data are dropped,
     * and the access listeners told of changed users or tokens. One query; nothing on DuckDB, whose
     * writer is this server.
     */
    void refresh() throws SQLException {
        if (!Changes.tracked(database)) {
            return;
        }
        Map<String, Long> now;
        try (Database reader = readers.borrow()) {
            now = Changes.versions(reader);
        }
        Map<String, Long> before;
        synchronized (this) {
            before = seen;
            if (now.equals(before)) {
                return;
            }
            seen = now;
        }
        if (!java.util.Objects.equals(now.get(Changes.DATA), before.get(Changes.DATA))) {
            dataChanged();
        }
        if (!java.util.Objects.equals(now.get(Changes.ACCESS), before.get(Changes.ACCESS))) {
            accessListeners.forEach(Runnable::run);
        }
    }

    Catalogue catalogue() {
        return catalogue;
    }

    PulseConfig config() {
        return config;
    }

    Database database() {
        return database;
    }

    Object lock() {
        return lock;
    }

    /** What a user may see: a partner's data only, with small cells withheld; everything for the team. */
    Scope scope(User user) {
        return switch (user.role()) {
            case PARTNER -> Scope.partner(user.partnerId(), config.accessMinN());
            case ADMIN, ANALYST, VIEWER -> Scope.everything();
        };
    }

    /** Runs work on the user's engine, one request at a time on the one connection. */
    <T> T run(User user, Work<T> work) throws MetricException, SQLException, WithheldException {
        return run(scope(user), work);
    }

    <T> T run(Scope scope, Work<T> work) throws MetricException, SQLException, WithheldException {
        if (readers != null) {
            MetricEngine prepared;
            synchronized (lock) {
                prepared = engine(scope);
            }
            try (Database reader = readers.borrow()) {
                return work.run(prepared.on(reader));
            }
        }
        synchronized (lock) {
            return work.run(engine(scope));
        }
    }

    /** The engine of a scope, prepared on the writing connection (under the lock) at the data's current version. */
    private MetricEngine engine(Scope scope) throws SQLException {
        MetricEngine engine = engines.get(scope);
        if (engine == null) {
            engine = new MetricEngine(database, catalogue, config, scope, clock);
            engines.put(scope, engine);
        }
        return engine;
    }

    /**
     * The cached answer of a request of the user's scope at the data's current version, or the work's
     * (then cached). {@code key} must name everything the answer depends on besides scope and data.
     */
    <T> T cached(User user, String key, Work<T> work) throws MetricException, SQLException, WithheldException {
        return cached(scope(user), key, work);
    }

    @SuppressWarnings("unchecked")
    <T> T cached(Scope scope, String key, Work<T> work) throws MetricException, SQLException, WithheldException {
        String full = key(scope, key);
        Object answer = answers.get(full);
        if (answer == null) {
            // the same request asked twice at once is computed once; on PostgreSQL, other requests meanwhile
            // run beside it (on DuckDB they wait for the one connection anyway)
            Object computing = inFlight.computeIfAbsent(full, k -> new Object());
            try {
                synchronized (readers == null ? lock : computing) {
                    answer = answers.get(full);
                    if (answer == null) {
                        answer = run(scope, work);
                        answers.put(full, answer);
                    }
                }
            } finally {
                inFlight.remove(full, computing);
            }
        }
        return (T) answer;
    }

    private final Map<String, Object> inFlight = new ConcurrentHashMap<>();

    private String key(Scope scope, String key) {
        return version.get() + "\u0000" + scope + "\u0000" + key;
    }

    /** Stores an answer computed in parts (see {@link #cached}); a change of the data since is not overwritten by it. */
    void put(Scope scope, String key, long computedAtVersion, Object answer) {
        synchronized (lock) {
            if (version.get() == computedAtVersion) {
                answers.put(key(scope, key), answer);
            }
        }
    }

    RowPage rows(User user, RowQuery query) throws MetricException, SQLException, WithheldException {
        return run(user, engine -> engine.rows(query));
    }

    /** The data changed (an import): cached answers and the engines' views of the data are dropped. */
    void dataChanged() {
        synchronized (lock) {
            version.incrementAndGet();
            answers.clear();
            engines.clear();
        }
    }

    long version() {
        return version.get();
    }
}
