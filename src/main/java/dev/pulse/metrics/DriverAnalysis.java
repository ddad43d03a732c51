package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Derived importance of touchpoints (features, journeys): how much satisfaction with each moves the
 * likelihood to recommend, by the method of the key drivers (dev.pulse.metrics.KeyDrivers). Each
 * account that rated a touchpoint of the program in the period is a row: its mean score on the
 * overall NPS question (answers without a touchpoint) is regressed on its mean CSAT per touchpoint
 * (the mean of the raters where it rated none), and each touchpoint's importance is its Johnson
 * relative weight net of a noise predictor's, with a seeded bootstrap interval. Asking customers what
 * matters overstates everything; relating satisfaction to loyalty shows what moves it.
 */
public final class DriverAnalysis {
    /**
     * @param importance percent of the variance of the accounts' likelihood the touchpoint explains beyond noise; null with too few accounts
     * @param accounts   the accounts that rated it and answered the NPS question
     */
    public record Importance(String touchpoint, Double importance, Double low, Double high, boolean significant, long accounts) {
        public Importance {
            requireNonNull(touchpoint, "touchpoint is null");
        }
    }

    /** Fewest accounts rating a touchpoint for an importance. */
    public static final int MIN_ACCOUNTS = 30;

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
                .add("WITH s " + database.dialect().inlinedCte() + " (").add(views.view(Source.SURVEYS)).add("), ")
                .add(Sql.of("rated AS (SELECT account_id, touchpoint, avg(score) AS satisfaction FROM s WHERE kind = 'csat'"
                        + " AND lower(program) = lower(?) AND touchpoint IS NOT NULL AND ", program))
                .add(inRange).add(" GROUP BY account_id, touchpoint), ")
                .add("loyalty AS (SELECT account_id, avg(score) AS likelihood FROM s WHERE kind = 'nps' AND touchpoint IS NULL AND ")
                .add(inRange).add(" GROUP BY account_id) ")
                .add("SELECT r.account_id, r.touchpoint, r.satisfaction, l.likelihood FROM rated r JOIN loyalty l ON l.account_id = r.account_id"
                        + " ORDER BY r.account_id, r.touchpoint")
                .build();
        Map<String, Integer> accountIndex = new TreeMap<>();
        Map<String, Map<String, Double>> byTouchpoint = new TreeMap<>();
        Map<String, Double> likelihood = new TreeMap<>();
        for (Map<String, Object> row : database.query(sql)) {
            String account = (String) row.get("account_id");
            accountIndex.putIfAbsent(account, accountIndex.size());
            likelihood.put(account, ((Number) row.get("likelihood")).doubleValue());
            byTouchpoint.computeIfAbsent((String) row.get("touchpoint"), k -> new TreeMap<>())
                    .put(account, ((Number) row.get("satisfaction")).doubleValue());
        }
        List<String> touchpoints = new ArrayList<>(byTouchpoint.keySet());
        List<String> usable = touchpoints.stream().filter(t -> byTouchpoint.get(t).size() >= MIN_ACCOUNTS).toList();
        List<Importance> result = new ArrayList<>();
        int n = accountIndex.size();
        if (!usable.isEmpty() && n >= 2 * MIN_ACCOUNTS) {
            double[][] x = new double[n][usable.size() + 1];
            double[] y = new double[n];
            java.util.Random noise = new java.util.Random(KeyDrivers.DEFAULT_SEED);
            for (Map.Entry<String, Integer> account : accountIndex.entrySet()) {
                int i = account.getValue();
                y[i] = likelihood.get(account.getKey());
                for (int j = 0; j < usable.size(); j++) {
                    Map<String, Double> rated = byTouchpoint.get(usable.get(j));
                    double mean = rated.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
                    x[i][j] = rated.getOrDefault(account.getKey(), mean);
                }
                x[i][usable.size()] = noise.nextGaussian();
            }
            int p = usable.size();
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            RelativeWeights.Result sample = RelativeWeights.compute(x, y, ones);
            double[][] boot = new double[p][KeyDrivers.DEFAULT_RESAMPLES];
            RelativeWeights.Result[] resamples = RelativeWeights.bootstrap(x, y, KeyDrivers.DEFAULT_RESAMPLES, KeyDrivers.DEFAULT_SEED);
            for (int b = 0; b < resamples.length; b++) {
                for (int j = 0; j < p; j++) {
                    boot[j][b] = 100 * (resamples[b].weights()[j] - resamples[b].weights()[p]);
                }
            }
            for (int j = 0; j < p; j++) {
                double[] interval = KeyDrivers.percentiles(boot[j]);
                result.add(new Importance(usable.get(j), 100 * (sample.weights()[j] - sample.weights()[p]), interval[0], interval[1],
                        interval[0] > 0, byTouchpoint.get(usable.get(j)).size()));
            }
        }
        for (String touchpoint : touchpoints) {
            if (!usable.contains(touchpoint) || result.stream().noneMatch(r -> r.touchpoint().equals(touchpoint))) {
                result.add(new Importance(touchpoint, null, null, null, false, byTouchpoint.get(touchpoint).size()));
            }
        }
        result.sort(java.util.Comparator.comparing(Importance::touchpoint));
        return result;
    }
}
