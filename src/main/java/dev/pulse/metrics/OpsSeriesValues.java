package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.PeriodGrain;
import dev.pulse.engine.Sql;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Period values of the ops_metrics series (platform, portal and programme figures measured
 * elsewhere): per series, product and period, the mean of its rows unless the configuration says
 * sum or last (the value on the latest date), as the data contract says.
 */
public final class OpsSeriesValues {
    /**
     * @param product null for the series' rows without a product
     * @param n       the rows the value was formed from
     */
    public record OpsValue(String series, String product, String period, double value, long n) {
        public OpsValue {
            requireNonNull(series, "series is null");
            requireNonNull(period, "period is null");
        }
    }

    private OpsSeriesValues() {
    }

    /** Every series' value per period of {@code grain} within the inclusive range of days (null = all data). */
    /** @param scope a partner's scope shows no ops series: they are the team's own figures */
    public static List<OpsValue> compute(Database database, PulseConfig config, Scope scope, PeriodGrain grain, PeriodRange range)
            throws SQLException {
        if (!scope.isEverything() || !database.tableExists("ops_metrics")) {
            return List.of();
        }
        Dialect dialect = database.dialect();
        String period = dialect.periodStart(grain, "CAST(\"date\" AS TIMESTAMP)");
        Sql.Builder sql = new Sql.Builder().add("SELECT metric, product, " + period + " AS period_start, avg(value) AS mean_value, "
                + "sum(value) AS sum_value, " + dialect.valueAtMax("value", "\"date\"") + " AS last_value, count(*) AS n FROM ops_metrics");
        if (range != null) {
            sql.add(Sql.of(" WHERE \"date\" >= CAST(? AS DATE) AND \"date\" <= CAST(? AS DATE)", range.first().toString(),
                    range.last().toString()));
        }
        sql.add(" GROUP BY metric, product, period_start ORDER BY metric, product NULLS FIRST, period_start");
        List<OpsValue> values = new ArrayList<>();
        for (Map<String, Object> row : database.query(sql.build())) {
            String series = (String) row.get("metric");
            String column = switch (config.opsAggregation(series)) {
                case "sum" -> "sum_value";
                case "last" -> "last_value";
                default -> "mean_value";
            };
            LocalDate start = LocalDate.parse(row.get("period_start").toString().substring(0, 10));
            values.add(new OpsValue(series, (String) row.get("product"), PeriodRange.label(grain, start),
                    ((Number) row.get(column)).doubleValue(), ((Number) row.get("n")).longValue()));
        }
        return values;
    }
}
