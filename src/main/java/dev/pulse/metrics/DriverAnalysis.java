package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Derived importance: how strongly satisfaction with a touchpoint (a feature, a journey) moves with
 * the likelihood to recommend. For each account that rated the touchpoint in the period, its mean
 * CSAT there is paired with its mean score on the overall NPS question (NPS answers without a
 * touchpoint); importance is the Pearson correlation over those accounts. Asking customers what
 * matters overstates everything; correlating with loyalty shows what actually moves it.
 */
public final class DriverAnalysis {
    /** @param accounts the accounts that gave both answers; correlation is null below 3 of them or without variance */
    public record Importance(String touchpoint, Double correlation, long accounts) {
        public Importance {
            requireNonNull(touchpoint, "touchpoint is null");
        }
    }

    private final Database database;
    private final SourceViews views;

    /** @param scope whose answers are read */
    public DriverAnalysis(Database database, PulseConfig config, Scope scope) throws SQLException {
        this.database = requireNonNull(database, "database is null");
        this.views = SourceViews.of(database, config, scope, java.time.Clock.systemUTC()); // its views read nothing time-dependent
    }

    /** Importance of each touchpoint rated in CSAT answers of {@code program} within the inclusive range of days. */
    public List<Importance> touchpointImportance(String program, PeriodRange range) throws SQLException {
        requireNonNull(program, "program is null");
        requireNonNull(range, "range is null");
        Sql inRange = SourceViews.eventInRange("event_local", range);
        Sql sql = new Sql.Builder()
                .add("WITH s AS (").add(views.view(Source.SURVEYS)).add("), ")
                .add(Sql.of("rated AS (SELECT account_id, touchpoint, avg(score) AS satisfaction FROM s WHERE kind = 'csat'"
                        + " AND lower(program) = lower(?) AND touchpoint IS NOT NULL AND ", program))
                .add(inRange).add(" GROUP BY account_id, touchpoint), ")
                .add("loyalty AS (SELECT account_id, avg(score) AS likelihood FROM s WHERE kind = 'nps' AND touchpoint IS NULL AND ")
                .add(inRange).add(" GROUP BY account_id) ")
                .add("SELECT r.touchpoint, corr(r.satisfaction, l.likelihood) AS r, count(*) AS n"
                        + " FROM rated r JOIN loyalty l ON l.account_id = r.account_id GROUP BY r.touchpoint ORDER BY r.touchpoint")
                .build();
        List<Importance> result = new ArrayList<>();
        for (Map<String, Object> row : database.query(sql)) {
            long n = ((Number) row.get("n")).longValue();
            Object r = row.get("r");
            Double correlation = n < 3 || r == null || Double.isNaN(((Number) r).doubleValue()) ? null : ((Number) r).doubleValue();
            result.add(new Importance((String) row.get("touchpoint"), correlation, n));
        }
        return result;
    }
}
