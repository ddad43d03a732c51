package dev.pulse.server;

import dev.pulse.access.User;
import dev.pulse.config.PulseConfig;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The server's hold on the database: one connection, used one query at a time, an engine per scope,
 * and a cache of answers keyed by scope, request and the data's version (each change of the data bumps
 * it, so a cached answer is never one of older data). A user's scope comes from its role here, and
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

    DataAccess(Database database, PulseConfig config, Catalogue catalogue, java.time.Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.database = requireNonNull(database, "database is null");
        this.config = requireNonNull(config, "config is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
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
        synchronized (lock) {
            MetricEngine engine = engines.get(scope);
            if (engine == null) {
                engine = new MetricEngine(database, catalogue, config, scope, clock);
                engines.put(scope, engine);
            }
            return work.run(engine);
        }
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
            synchronized (lock) {
                answer = answers.get(full);
                if (answer == null) {
                    answer = run(scope, work);
                    answers.put(full, answer);
                }
            }
        }
        return (T) answer;
    }

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
