package dev.pulse.engine;

import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local time DuckDB's dialect computes from java.time's offsets against DuckDB's own ICU
 * conversion, {@code timezone(zone, instant)}: two readings of the tz database that must agree on
 * every instant the data can hold, at each transition (one microsecond either side) and hourly in
 * between.
 */
class TestZoneOffsets {
    /** Zones with daylight saving time, half-hour and 45-minute offsets and DST shifts, abolished DST, fixed offsets. */
    private static final List<String> ZONES = List.of("UTC", "Z", "+05:30", "-03:00", "America/Santiago", "Europe/London",
            "Australia/Lord_Howe", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "America/Sao_Paulo", "Asia/Tehran",
            "America/New_York");

    /** 1980 to 2036: before that the two databases may differ on a zone's history, which no CX data reaches. */
    private static final long FROM = Instant.parse("1980-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    private static final long TO = Instant.parse("2036-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;

    @Test
    void offsetsAgreeWithDuckDbsOwnConversion(@TempDir Path temp) throws Exception {
        DuckDbDialect dialect = new DuckDbDialect();
        try (Database database = new TestingFolder(temp).open()) {
            for (String zone : ZONES) {
                List<Long> transitions = transitionMicros(ZoneId.of(zone));
                String instants = "SELECT range AS us FROM range(" + FROM + ", " + TO + ", 3601000000)"
                        + (transitions.isEmpty() ? "" : " UNION ALL SELECT unnest([" + transitions.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + "]) + d FROM (VALUES (-1), (0), (1)) v(d)");
                Sql icu = Sql.of("timezone(?, make_timestamptz(i.us))", DuckDbDialect.engineZone(zone));
                // the window of all these instants (the offsets from java.time), a narrow one (most instants
                // outside it, converted by DuckDB), and none
                for (InstantRange window : Arrays.asList(new InstantRange(instant(FROM), instant(TO)),
                        new InstantRange(Instant.parse("2023-06-01T00:00:00Z"), Instant.parse("2025-04-06T03:00:00Z")), null)) {
                    Sql ours = dialect.localTimestamp("make_timestamptz(i.us)", zone, window);
                    Sql differing = new Sql.Builder().add("SELECT count(*) FILTER (WHERE ").add(ours).add(" IS DISTINCT FROM ")
                            .add(icu).add(") FROM (" + instants + ") i").build();
                    assertThat(database.queryLong(differing)).as(zone + " " + window).isZero();
                }
                assertThat(database.queryLong(Sql.of("SELECT count(*) FROM (" + instants + ") i"))).as(zone)
                        .isGreaterThan(490_000L + 3L * transitions.size() - 1);
            }
        }
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000L);
    }

    private static List<Long> transitionMicros(ZoneId zone) {
        List<Long> micros = new ArrayList<>();
        ZoneOffsetTransition transition = zone.getRules().nextTransition(Instant.ofEpochSecond(FROM / 1_000_000L));
        while (transition != null && transition.getInstant().getEpochSecond() * 1_000_000L < TO) {
            micros.add(transition.getInstant().getEpochSecond() * 1_000_000L);
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        return micros;
    }
}
