package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.config.DriverDeclaration;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Key drivers: which support experiences and answer attributes move an outcome (customer_nps,
 * partner_nps, nps, csat, ces), with bootstrap intervals, and nothing ranked that the data cannot
 * tell from noise.
 *
 * <p>For each answer of the outcome in the period, each driver of the {@link DriverCatalogue} is
 * computed over the account's tickets (and csat answers) in the lookback window before it, in one
 * set-based query. Importance is Johnson's relative weight of the driver in a regression of the
 * answer's score on all drivers ({@link RelativeWeights}), net of the weight a pure-noise predictor
 * gets in the same regression (Tonidandel, LeBreton and Johnson 2009): in percent of the score's
 * variance, with a percentile bootstrap interval (seeded). A driver is significant when that
 * interval lies above zero and, for a yes/no experience, the outcome of those who had it differs
 * from that of those who did not by the spec's test (NPS: the plain-Wald difference test; a mean:
 * the two-sample z test). Fewer than {@code minWith} answers with (or without) an experience:
 * "not enough data", no number.
 */
public final class KeyDrivers {
    public static final int DEFAULT_LOOKBACK_DAYS = 90;
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final int DEFAULT_MIN_WITH = 30;
    public static final long DEFAULT_SEED = 20241;

    public record Options(String outcome, PeriodRange period, List<String> by, int lookbackDays, int resamples, long seed, int minWith) {
        public Options {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(period, "period is null");
            by = List.copyOf(by);
        }

        public static Options of(String outcome, PeriodRange period) {
            return new Options(outcome, period, List.of(), DEFAULT_LOOKBACK_DAYS, DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_MIN_WITH);
        }
    }

    /**
     * One driver in one group. Importance in percent of the outcome's variance beyond noise; effect in
     * the outcome's unit (NPS points, or the mean's scale) of those with the experience minus those
     * without; slope the regression coefficient in score points (per unit of a numeric driver).
     *
     * @param with  answers that had the experience (null for a numeric driver)
     * @param note  null, or why there is no number ("not enough data")
     */
    public record Result(String driver, String title, Map<String, String> group, long respondents, Long with, Double importance,
                         Double importanceLow, Double importanceHigh, Double effect, Double effectLow, Double effectHigh,
                         boolean significant, Double slope, Double slopeLow, Double slopeHigh, String note) {
    }

    private final Database database;
    private final Catalogue catalogue;
    private final DriverCatalogue drivers;
    private final SourceViews views;

    public KeyDrivers(Database database, PulseConfig config, Catalogue catalogue, DriverCatalogue drivers, Scope scope, Clock clock)
            throws SQLException {
        this.database = requireNonNull(database, "database is null");
        requireNonNull(config, "config is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.drivers = requireNonNull(drivers, "drivers is null");
        this.views = SourceViews.of(database, config, scope, clock);
    }

    /** Key drivers over what an engine reads (its database, configuration, catalogue and scope). */
    public static KeyDrivers of(MetricEngine engine, DriverCatalogue drivers) throws SQLException {
        return new KeyDrivers(engine.database(), engine.config(), engine.catalogue(), drivers, engine.scope(), java.time.Clock.systemUTC());
    }

    /** A column of the query: a driver's value, a group dimension or an answer attribute. */
    private static String column(String name) {
        return "d_" + name;
    }

    public List<Result> compute(Options options) throws MetricException, SQLException {
        MetricDefinition outcome = catalogue.get(options.outcome()).orElseThrow(() -> new MetricException("--outcome: no metric '"
                + options.outcome() + "'"));
        if (outcome.source() != Source.SURVEYS || (outcome.kind() != MetricKind.NPS && outcome.kind() != MetricKind.MEAN)) {
            throw new MetricException("--outcome: " + outcome.name() + " is not a survey score (use customer_nps, partner_nps, nps, csat or ces)");
        }
        for (String dimension : options.by()) {
            if (!Source.SURVEYS.dimensions().contains(dimension)) {
                throw new MetricException("--by: '" + dimension + "' is not a dimension of survey answers (one of "
                        + String.join(", ", Source.SURVEYS.dimensions()) + ")");
            }
        }
        if (options.lookbackDays() < 1 || options.lookbackDays() > 3660) {
            throw new MetricException("--lookback-days: must be 1 to 3660 (it was " + options.lookbackDays() + ")");
        }
        if (options.resamples() < 100) {
            throw new MetricException("--resamples: must be at least 100 (it was " + options.resamples() + ")");
        }
        List<Map<String, Object>> rows;
        try {
            rows = respondents(outcome, options);
        } catch (SQLException e) {
            throw blame(outcome, options, e);
        }
        Map<List<String>, List<Map<String, Object>>> groups = new TreeMap<>(Comparator.comparing((List<String> k) -> k.toString()));
        for (Map<String, Object> row : rows) {
            List<String> key = new ArrayList<>();
            for (String dimension : options.by()) {
                key.add(Objects.toString(row.get(column("by_" + dimension)), null));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<List<String>, List<Map<String, Object>>> group : groups.entrySet()) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < options.by().size(); i++) {
                labels.put(options.by().get(i), group.getKey().get(i));
            }
            results.addAll(analyse(outcome, options, labels, group.getValue()));
        }
        return results;
    }

    /**
     * Which driver of the configuration made the query fail, said with the engine's own first line (a
     * shipped driver runs everywhere; a user's expression may not): else the failure as it was.
     */
    private SQLException blame(MetricDefinition outcome, Options options, SQLException failure) throws MetricException {
        List<DriverDeclaration> shipped = DriverCatalogue.standard().drivers();
        for (DriverDeclaration driver : drivers.drivers()) {
            if (driver.source() == DriverDeclaration.Source.ANSWER || shipped.contains(driver)) {
                continue;
            }
            try {
                new KeyDrivers(database, views, catalogue, DriverCatalogue.only(driver)).respondents(outcome, options);
            } catch (SQLException e) {
                String first = java.util.Objects.requireNonNullElse(e.getMessage(), "").lines().findFirst().orElse("").strip();
                throw new MetricException("pulse.yaml drivers: " + driver.name() + ": its expression does not run on the " + driver.source()
                        .name().toLowerCase(java.util.Locale.ROOT) + " of the window (" + first + ")");
            }
        }
        return failure;
    }

    private KeyDrivers(Database database, SourceViews views, Catalogue catalogue, DriverCatalogue drivers) {
        this.database = database;
        this.catalogue = catalogue;
        this.drivers = drivers;
        this.views = views;
    }

    /** Each answer of the outcome with its score (y) and every driver's value (d_name; null where missing), by response_id. */
    List<Map<String, Object>> respondents(MetricDefinition outcome, Options options) throws SQLException {
        return database.query(query(outcome, options));
    }

    private Sql query(MetricDefinition outcome, Options options) {
        String lookback = "INTERVAL '" + options.lookbackDays() + " days'";
        List<String> answerColumns = new ArrayList<>();
        for (String dimension : options.by()) {
            answerColumns.add(dimension + " AS " + column("by_" + dimension));
        }
        List<String> ticketAggregates = new ArrayList<>();
        List<String> surveyAggregates = new ArrayList<>();
        List<String> selected = new ArrayList<>(List.of("r.response_id", "r.y"));
        for (String dimension : options.by()) {
            selected.add("r." + column("by_" + dimension));
        }
        for (DriverDeclaration driver : drivers.drivers()) {
            switch (driver.source()) {
                case ANSWER -> {
                    answerColumns.add(driver.name() + " AS " + column(driver.name()));
                    selected.add("r." + column(driver.name()));
                }
                case TICKETS -> {
                    ticketAggregates.add("(" + driver.expression() + ") AS " + column(driver.name()));
                    selected.add("tw." + column(driver.name()));
                }
                case SURVEYS -> {
                    surveyAggregates.add("(" + driver.expression() + ") AS " + column(driver.name()));
                    selected.add("cw." + column(driver.name()));
                }
            }
        }
        Sql.Builder sql = new Sql.Builder()
                .add("WITH s " + database.dialect().inlinedCte() + " (").add(views.view(Source.SURVEYS)).add("), ")
                .add("r AS (SELECT response_id, account_id, ticket_id, CAST(" + outcome.value() + " AS DOUBLE) AS y, responded_at AS answered_at"
                        + (answerColumns.isEmpty() ? "" : ", " + String.join(", ", answerColumns))
                        + " FROM s WHERE " + (outcome.filter() == null ? "TRUE" : "(" + outcome.filter() + ")")
                        + " AND " + outcome.value() + " IS NOT NULL AND ")
                .add(SourceViews.eventInRange("event_local", options.period())).add("), ")
                .add("t AS (").add(views.view(Source.TICKETS)).add("), ")
                .add("w AS (SELECT r.response_id, r.answered_at, " + database.dialect().epochMicros("r.answered_at") + " AS answered_us, t.* FROM r JOIN t ON t.account_id = r.account_id AND"
                        + " ((t.created_at >= r.answered_at - " + lookback + " AND t.created_at < r.answered_at) OR t.ticket_id = r.ticket_id)), ")
                .add("tw AS (SELECT response_id" + (ticketAggregates.isEmpty() ? "" : ", " + String.join(", ", ticketAggregates))
                        + " FROM w GROUP BY response_id), ")
                .add("c AS (SELECT r.response_id, r.answered_at, s.score, s.touchpoint FROM r JOIN s ON s.account_id = r.account_id"
                        + " AND s.kind = 'csat' AND s.response_id <> r.response_id AND s.responded_at >= r.answered_at - " + lookback
                        + " AND s.responded_at < r.answered_at), ")
                .add("cw AS (SELECT response_id" + (surveyAggregates.isEmpty() ? "" : ", " + String.join(", ", surveyAggregates))
                        + " FROM c GROUP BY response_id) ")
                .add("SELECT " + String.join(", ", selected) + " FROM r LEFT JOIN tw ON tw.response_id = r.response_id"
                        + " LEFT JOIN cw ON cw.response_id = r.response_id ORDER BY r.response_id");
        return sql.build();
    }

    /** A column of the regression: a driver, or one value of an answer attribute against its most common value. */
    private record Candidate(String name, String title, boolean binary, double[] values, long with, long present) {
    }

    private List<Result> analyse(MetricDefinition outcome, Options options, Map<String, String> group, List<Map<String, Object>> rows) {
        int n = rows.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = ((Number) rows.get(i).get("y")).doubleValue();
        }
        List<Candidate> candidates = new ArrayList<>();
        List<Result> shortOfData = new ArrayList<>();
        for (DriverDeclaration driver : drivers.drivers()) {
            if (driver.source() == DriverDeclaration.Source.ANSWER) {
                if (group.containsKey(driver.name())) {
                    continue; // constant within the group
                }
                attributeCandidates(driver, rows, options, group, candidates, shortOfData);
                continue;
            }
            double[] values = new double[n];
            long present = 0;
            long with = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                Object raw = rows.get(i).get(column(driver.name()));
                if (raw == null) {
                    values[i] = Double.NaN;
                    continue;
                }
                double value = raw instanceof Boolean b ? (b ? 1 : 0) : ((Number) raw).doubleValue();
                values[i] = value;
                present++;
                sum += value;
                if (value != 0) {
                    with++;
                }
            }
            double fill = driver.missing() == DriverDeclaration.Missing.MEAN ? (present == 0 ? 0 : sum / present) : 0;
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(values[i])) {
                    values[i] = fill; // no such experience (false, 0), or unknown (the mean of those known)
                }
            }
            boolean binary = driver.kind() == DriverDeclaration.Kind.BINARY;
            boolean enough = binary ? with >= options.minWith() && n - with >= options.minWith()
                    : present >= options.minWith() && varies(values);
            if (enough) {
                candidates.add(new Candidate(driver.name(), driver.title(), binary, values, binary ? with : present, present));
            } else {
                shortOfData.add(notEnough(driver.name(), driver.title(), group, n, binary ? with : null));
            }
        }
        List<Result> results = new ArrayList<>();
        if (!candidates.isEmpty() && n >= 2L * options.minWith()) {
            results.addAll(estimate(outcome, options, group, y, candidates));
        } else {
            for (Candidate c : candidates) {
                shortOfData.add(notEnough(c.name(), c.title(), group, n, c.binary() ? c.with() : null));
            }
        }
        results.sort(Comparator.comparing((Result r) -> !r.significant())
                .thenComparing(r -> -(r.importance() == null ? Double.NEGATIVE_INFINITY : r.importance())).thenComparing(Result::driver));
        results.addAll(shortOfData);
        return results;
    }

    private static boolean varies(double[] values) {
        for (double value : values) {
            if (value != values[0]) {
                return true;
            }
        }
        return false;
    }

    private static Result notEnough(String name, String title, Map<String, String> group, long respondents, Long with) {
        return new Result(name, title, group, respondents, with, null, null, null, null, null, null, false, null, null, null, "not enough data");
    }

    /**
     * Each value of an answer attribute with enough answers (no value is a value, "(none)") as a yes/no
     * driver; the most common value is left out of the regression as its reference. The effect of a
     * value is, like any yes/no driver's, against all answers without it.
     */
    private static void attributeCandidates(DriverDeclaration driver, List<Map<String, Object>> rows, Options options, Map<String, String> group,
                                            List<Candidate> candidates, List<Result> shortOfData) {
        int n = rows.size();
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            counts.merge(level(row.get(column(driver.name()))), 1L, Long::sum);
        }
        if (counts.size() < 2) {
            return; // one value or none: nothing to compare
        }
        String reference = counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
        for (Map.Entry<String, Long> level : counts.entrySet()) {
            if (level.getKey().equals(reference)) {
                continue;
            }
            String name = driver.name() + "=" + level.getKey();
            String title = driver.title() + ": " + level.getKey();
            long with = level.getValue();
            if (with < options.minWith() || n - with < options.minWith()) {
                shortOfData.add(notEnough(name, title, group, n, with));
                continue;
            }
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = level.getKey().equals(level(rows.get(i).get(column(driver.name())))) ? 1 : 0;
            }
            candidates.add(new Candidate(name, title, true, values, with, n));
        }
    }

    /** An answer attribute's value as a level; answers without one are a level of their own. */
    private static String level(Object value) {
        return value == null ? "(none)" : value.toString();
    }

    private List<Result> estimate(MetricDefinition outcome, Options options, Map<String, String> group, double[] y, List<Candidate> candidates) {
        int n = y.length;
        int p = candidates.size();
        Random noise = new Random(options.seed());
        double[][] x = new double[n][p + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = candidates.get(j).values()[i];
            }
            x[i][p] = noise.nextGaussian(); // the yardstick: what a predictor that means nothing gets
        }
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        RelativeWeights.Result sample = RelativeWeights.compute(x, y, ones);
        double[][] importance = new double[p][options.resamples()];
        double[][] slopes = new double[p][options.resamples()];
        RelativeWeights.Result[] resamples = RelativeWeights.bootstrap(x, y, options.resamples(), options.seed());
        for (int b = 0; b < resamples.length; b++) {
            for (int j = 0; j < p; j++) {
                importance[j][b] = 100 * (resamples[b].weights()[j] - resamples[b].weights()[p]);
                slopes[j][b] = resamples[b].slopes()[j];
            }
        }
        List<Result> results = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            Candidate c = candidates.get(j);
            double[] low = percentiles(importance[j]);
            double[] slope = percentiles(slopes[j]);
            Double effect = null;
            Double effectLow = null;
            Double effectHigh = null;
            boolean effectSignificant = true;
            if (c.binary()) {
                double[] e = effect(outcome, y, c.values());
                effect = e[0];
                effectLow = e[1];
                effectHigh = e[2];
                effectSignificant = e[3] > 0;
            }
            double point = 100 * (sample.weights()[j] - sample.weights()[p]);
            boolean significant = low[0] > 0 && effectSignificant;
            results.add(new Result(c.name(), c.title(), group, n, c.binary() ? c.with() : null, point, low[0], low[1], effect, effectLow,
                    effectHigh, significant, finite(sample.slopes()[j]), finite(slope[0]), finite(slope[1]), null));
        }
        return results;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** The 2.5th and 97.5th percentiles (NaN ones left out). */
    static double[] percentiles(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {quantile(finite, 0.025), quantile(finite, 0.975)};
    }

    private static double quantile(double[] sorted, double fraction) {
        double position = fraction * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** Outcome with minus without: {difference, low, high, significant (1/0)}. */
    private static double[] effect(MetricDefinition outcome, double[] y, double[] with) {
        if (outcome.kind() == MetricKind.NPS) {
            long n1 = 0, p1 = 0, d1 = 0, n2 = 0, p2 = 0, d2 = 0;
            for (int i = 0; i < y.length; i++) {
                boolean promoter = y[i] >= 9;
                boolean detractor = y[i] <= 6;
                if (with[i] != 0) {
                    n1++;
                    p1 += promoter ? 1 : 0;
                    d1 += detractor ? 1 : 0;
                } else {
                    n2++;
                    p2 += promoter ? 1 : 0;
                    d2 += detractor ? 1 : 0;
                }
            }
            double difference = Statistics.nps(p1, d1, n1) - Statistics.nps(p2, d2, n2);
            double se1 = Statistics.npsStandardError(p1, d1, n1);
            double se2 = Statistics.npsStandardError(p2, d2, n2);
            double margin = Statistics.Z * Math.sqrt(se1 * se1 + se2 * se2);
            return new double[] {difference, difference - margin, difference + margin,
                    Statistics.npsChangeSignificant(p1, d1, n1, p2, d2, n2) ? 1 : 0};
        }
        double sum1 = 0, sum2 = 0, sq1 = 0, sq2 = 0;
        long n1 = 0, n2 = 0;
        for (int i = 0; i < y.length; i++) {
            if (with[i] != 0) {
                n1++;
                sum1 += y[i];
                sq1 += y[i] * y[i];
            } else {
                n2++;
                sum2 += y[i];
                sq2 += y[i] * y[i];
            }
        }
        double m1 = sum1 / n1;
        double m2 = sum2 / n2;
        double v1 = (sq1 - n1 * m1 * m1) / (n1 - 1);
        double v2 = (sq2 - n2 * m2 * m2) / (n2 - 1);
        double margin = Statistics.Z * Math.sqrt(v1 / n1 + v2 / n2);
        double difference = m1 - m2;
        return new double[] {difference, difference - margin, difference + margin, Math.abs(difference) > margin ? 1 : 0};
    }
}
