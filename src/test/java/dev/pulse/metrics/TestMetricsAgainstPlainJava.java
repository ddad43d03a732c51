package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Random rows (seeded), each metric computed in plain Java straight from the spec, compared with
 * the SQL path per quarter. Timestamps carry random offsets; the reporting zone is UTC.
 */
class TestMetricsAgainstPlainJava {
    private static final String[] QUARTERS = {"2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"};
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    record Account(String id, boolean customer, String segment, LocalDate started, LocalDate ended) { }

    record Ticket(String id, String account, Instant created, String priority, Instant responded, Instant resolved, int contacts,
                  int reopens, boolean escalated, Integer handleSeconds) { }

    record Survey(String id, String account, String kind, Instant responded, int score) { }

    record Interaction(String id, Instant offered, Instant answered, Instant ended, boolean abandoned, Integer talk, Integer hold,
                       Integer wrap) { }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void sqlPathEqualsPlainJava(long seed, @TempDir Path temp) throws Exception {
        Random random = new Random(seed);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            LocalDate started = random.nextInt(3) == 0 ? null : LocalDate.of(2023, 6, 1).plusDays(random.nextInt(500));
            LocalDate ended = random.nextInt(4) == 0 ? LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365)) : null;
            if (started != null && ended != null && ended.isBefore(started)) {
                ended = null;
            }
            accounts.add(new Account("A" + i, i % 5 != 0, new String[] {"Enterprise", "SMB", "Mid-Market"}[random.nextInt(3)], started,
                    ended));
        }
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            Instant created = instant(random);
            Instant responded = random.nextInt(10) == 0 ? null : created.plusSeconds(random.nextInt(20_000));
            Instant resolved = random.nextInt(8) == 0 ? null : created.plusSeconds(random.nextInt(200_000));
            tickets.add(new Ticket("T" + i, accounts.get(random.nextInt(accounts.size())).id(), created,
                    new String[] {"P1", "P2", "P3", "P4", "p2"}[random.nextInt(5)], responded, resolved, 1 + (random.nextInt(3) == 0 ? 1 : 0),
                    random.nextInt(6) == 0 ? 1 : 0, random.nextInt(7) == 0, random.nextInt(5) == 0 ? null : random.nextInt(4000)));
        }
        List<Survey> surveys = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            String kind = new String[] {"nps", "csat", "ces"}[random.nextInt(3)];
            int score = switch (kind) {
                case "nps" -> random.nextInt(11);
                case "csat" -> 1 + random.nextInt(5);
                default -> 1 + random.nextInt(7);
            };
            surveys.add(new Survey("R" + i, accounts.get(random.nextInt(accounts.size())).id(), kind, instant(random), score));
        }
        List<Interaction> interactions = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            Instant offered = instant(random);
            boolean abandoned = random.nextInt(6) == 0;
            Instant answered = abandoned ? null : offered.plusSeconds(random.nextInt(45));
            Instant ended = abandoned ? offered.plusSeconds(random.nextInt(12)) : answered.plusSeconds(random.nextInt(900));
            interactions.add(new Interaction("I" + i, offered, answered, ended, abandoned, abandoned ? null : random.nextInt(600),
                    abandoned || random.nextBoolean() ? null : random.nextInt(60), abandoned ? null : random.nextInt(90)));
        }

        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", lines("account_id,type,segment,started_at,ended_at", accounts,
                a -> a.id() + "," + (a.customer() ? "customer" : "partner") + "," + a.segment() + "," + text(a.started()) + ","
                        + text(a.ended())));
        folder.file("tickets.csv", lines("ticket_id,account_id,created_at,priority,first_response_at,resolved_at,contacts,reopens,escalated,"
                + "handle_seconds", tickets, t -> t.id() + "," + t.account() + "," + stamp(t.created(), random) + "," + t.priority() + ","
                + stamp(t.responded(), random) + "," + stamp(t.resolved(), random) + "," + t.contacts() + "," + t.reopens() + ","
                + t.escalated() + "," + text(t.handleSeconds())));
        folder.file("surveys.csv", lines("response_id,account_id,kind,responded_at,score", surveys,
                s -> s.id() + "," + s.account() + "," + s.kind() + "," + stamp(s.responded(), random) + "," + s.score()));
        folder.file("interactions.csv", lines("interaction_id,offered_at,answered_at,ended_at,abandoned,talk_seconds,hold_seconds,"
                + "wrap_seconds", interactions, i -> i.id() + "," + stamp(i.offered(), random) + "," + stamp(i.answered(), random) + ","
                + stamp(i.ended(), random) + "," + i.abandoned() + "," + text(i.talk()) + "," + text(i.hold()) + "," + text(i.wrap())));

        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            MetricEngine engine = TestingFolder.engine(database, PulseConfig.defaults());
            List<String> names = List.of("nps", "customer_nps", "partner_nps", "csat", "csat_pct", "ces", "tickets", "frt_median",
                    "frt_mean", "frt_p90", "resolution_median", "resolution_mean", "resolution_p90", "resolution_rate", "fcr",
                    "reopen_rate", "escalation_rate", "sla_response", "sla_resolution", "handle_time", "offered", "aht", "service_level",
                    "abandon_rate", "asa", "active_customers", "retention_rate", "churn_rate", "contact_rate");
            Map<String, MetricValue> computed = new HashMap<>();
            for (MetricValue value : engine.compute(new MetricQuery(names, List.of("quarter"), PeriodRange.parse("2024")))) {
                computed.put(value.metric() + " " + value.group().get("quarter"), value);
            }
            Map<String, Account> byId = new HashMap<>();
            accounts.forEach(a -> byId.put(a.id(), a));
            for (String quarter : QUARTERS) {
                PeriodRange range = PeriodRange.parse(quarter);
                List<Survey> qs = surveys.stream().filter(s -> in(s.responded(), range)).toList();
                List<Ticket> qt = tickets.stream().filter(t -> in(t.created(), range)).toList();
                List<Interaction> qi = interactions.stream().filter(i -> in(i.offered(), range)).toList();
                Map<String, double[]> expected = new HashMap<>();
                expected.put("nps", nps(qs, s -> true));
                expected.put("customer_nps", nps(qs, s -> byId.get(s.account()).customer()));
                expected.put("partner_nps", nps(qs, s -> !byId.get(s.account()).customer()));
                expected.put("csat", mean(qs.stream().filter(s -> s.kind().equals("csat")).mapToDouble(Survey::score).toArray()));
                expected.put("csat_pct", share(qs, s -> s.kind().equals("csat"), s -> s.score() >= 4));
                expected.put("ces", mean(qs.stream().filter(s -> s.kind().equals("ces")).mapToDouble(Survey::score).toArray()));
                expected.put("tickets", new double[] {qt.size(), qt.size()});
                double[] frt = qt.stream().filter(t -> t.responded() != null).mapToDouble(t -> seconds(t.created(), t.responded()) / 60).toArray();
                double[] resolution = qt.stream().filter(t -> t.resolved() != null)
                        .mapToDouble(t -> seconds(t.created(), t.resolved()) / 3600).toArray();
                expected.put("frt_median", percentile(frt, 0.5));
                expected.put("frt_mean", mean(frt));
                expected.put("frt_p90", percentile(frt, 0.9));
                expected.put("resolution_median", percentile(resolution, 0.5));
                expected.put("resolution_mean", mean(resolution));
                expected.put("resolution_p90", percentile(resolution, 0.9));
                expected.put("resolution_rate", share(qt, t -> true, t -> t.resolved() != null));
                expected.put("fcr", share(qt, t -> t.resolved() != null, t -> t.contacts() == 1 && t.reopens() == 0));
                expected.put("reopen_rate", share(qt, t -> t.resolved() != null, t -> t.reopens() > 0));
                expected.put("escalation_rate", share(qt, t -> true, Ticket::escalated));
                Map<String, long[]> targets = Map.of("p1", new long[] {15 * 60, 4 * 3600}, "p2", new long[] {3600, 8 * 3600},
                        "p3", new long[] {4 * 3600, 24 * 3600});
                expected.put("sla_response", share(qt, t -> targets.containsKey(t.priority().toLowerCase()),
                        t -> t.responded() != null && seconds(t.created(), t.responded()) <= targets.get(t.priority().toLowerCase())[0]));
                expected.put("sla_resolution", share(qt, t -> targets.containsKey(t.priority().toLowerCase()),
                        t -> t.resolved() != null && seconds(t.created(), t.resolved()) <= targets.get(t.priority().toLowerCase())[1]));
                expected.put("handle_time", mean(qt.stream().filter(t -> t.handleSeconds() != null)
                        .mapToDouble(t -> t.handleSeconds() / 60.0).toArray()));
                expected.put("offered", new double[] {qi.size(), qi.size()});
                expected.put("aht", mean(qi.stream().filter(i -> i.answered() != null)
                        .mapToDouble(i -> zero(i.talk()) + zero(i.hold()) + zero(i.wrap())).toArray()));
                expected.put("service_level", share(qi, i -> !(i.abandoned() && seconds(i.offered(), i.ended()) <= 5),
                        i -> i.answered() != null && seconds(i.offered(), i.answered()) <= 20));
                expected.put("abandon_rate", share(qi, i -> true, Interaction::abandoned));
                expected.put("asa", mean(qi.stream().filter(i -> i.answered() != null).mapToDouble(i -> seconds(i.offered(), i.answered()))
                        .toArray()));
                List<Account> customers = accounts.stream().filter(Account::customer).toList();
                List<Account> active = customers.stream().filter(a -> (a.started() == null || !a.started().isAfter(range.last()))
                        && (a.ended() == null || !a.ended().isBefore(range.first()))).toList();
                List<Account> base = customers.stream().filter(a -> (a.started() == null || a.started().isBefore(range.first()))
                        && (a.ended() == null || !a.ended().isBefore(range.first()))).toList();
                long retained = base.stream().filter(a -> a.ended() == null || a.ended().isAfter(range.last())).count();
                expected.put("active_customers", new double[] {active.size(), active.size()});
                expected.put("retention_rate", new double[] {100.0 * retained / base.size(), base.size()});
                expected.put("churn_rate", new double[] {100 - 100.0 * retained / base.size(), base.size()});
                long customerTickets = qt.stream().filter(t -> byId.get(t.account()).customer()).count();
                expected.put("contact_rate", new double[] {100.0 * customerTickets / active.size(), active.size()});

                for (String name : names) {
                    MetricValue value = computed.get(name + " " + quarter);
                    double[] want = expected.get(name);
                    assertThat(value).as(name + " " + quarter).isNotNull();
                    assertThat(value.n()).as(name + " n " + quarter).isEqualTo((long) want[1]);
                    assertThat(value.value()).as(name + " " + quarter).isCloseTo(want[0], within(1e-6));
                }
            }
        }
    }

    private static boolean in(Instant time, PeriodRange range) {
        LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
        return !day.isBefore(range.first()) && !day.isAfter(range.last());
    }

    private static Instant instant(Random random) {
        return Instant.parse("2024-01-01T00:00:00Z").plusSeconds((long) (random.nextDouble() * 366 * 86400));
    }

    /** The same instant written with a random offset, to exercise offset handling. */
    private static String stamp(Instant time, Random random) {
        if (time == null) {
            return "";
        }
        int[] offsets = {0, -3, -4, 2, 5};
        return ZonedDateTime.ofInstant(time, ZoneOffset.ofHours(offsets[random.nextInt(offsets.length)])).format(ISO);
    }

    private static <T> String lines(String header, List<T> rows, Function<T, String> line) {
        StringBuilder out = new StringBuilder(header);
        rows.forEach(row -> out.append('\n').append(line.apply(row)));
        return out.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }

    private static double zero(Integer value) {
        return value == null ? 0 : value;
    }

    private static double[] nps(List<Survey> surveys, Predicate<Survey> which) {
        List<Survey> rows = surveys.stream().filter(s -> s.kind().equals("nps")).filter(which).toList();
        long promoters = rows.stream().filter(s -> s.score() >= 9).count();
        long detractors = rows.stream().filter(s -> s.score() <= 6).count();
        return new double[] {100.0 * (promoters - detractors) / rows.size(), rows.size()};
    }

    private static <T> double[] share(List<T> rows, Predicate<T> which, Predicate<T> success) {
        List<T> counted = rows.stream().filter(which).toList();
        return new double[] {100.0 * counted.stream().filter(success).count() / counted.size(), counted.size()};
    }

    private static double[] mean(double[] values) {
        return new double[] {Arrays.stream(values).average().orElse(Double.NaN), values.length};
    }

    private static double[] percentile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = fraction * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return new double[] {sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]), sorted.length};
    }
}
