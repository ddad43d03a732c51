package dev.pulse.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pulse.config.ConfigLoader;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business time against an independent computation: a grid of tickets created and answered around
 * weekends, Chile's holidays, both DST changes of America/Santiago and the year's end, on a calendar
 * with a lunch break; each one's business minutes counted minute by minute in plain java.time.
 */
class TestBusinessTime {
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final String YAML = String.join("\n",
            "timezone: America/Santiago",
            "calendars:",
            "  office:",
            "    timezone: America/Santiago",
            "    hours: {mon: \"09:00-13:00,14:00-18:00\", tue: \"09:00-13:00,14:00-18:00\", wed: \"09:00-13:00,14:00-18:00\","
                    + " thu: \"09:00-13:00,14:00-18:00\", fri: \"09:00-13:00,14:00-18:00\", sat: \"10:00-24:00\"}",
            "    holidays: [chile, 2024-12-24]",
            "business_hours:",
            "  default: office",
            "  by_priority: {P1: always}", "");

    /** The independent count: each minute from start to end that falls in opening hours, in the zone's local time. */
    private static long minutes(Instant start, Instant end, Set<LocalDate> holidays) {
        long open = 0;
        for (Instant minute = start; minute.isBefore(end); minute = minute.plus(Duration.ofMinutes(1))) {
            ZonedDateTime local = minute.atZone(SANTIAGO);
            LocalDate day = local.toLocalDate();
            LocalTime time = local.toLocalTime();
            if (holidays.contains(day)) {
                continue;
            }
            DayOfWeek weekday = local.getDayOfWeek();
            boolean inHours = switch (weekday) {
                case SATURDAY -> !time.isBefore(LocalTime.of(10, 0));
                case SUNDAY -> false;
                default -> (!time.isBefore(LocalTime.of(9, 0)) && time.isBefore(LocalTime.of(13, 0)))
                        || (!time.isBefore(LocalTime.of(14, 0)) && time.isBefore(LocalTime.of(18, 0)));
            };
            open += inHours ? 1 : 0;
        }
        return open;
    }

    @Test
    void businessMinutesAgreeWithAMinuteByMinuteCountAcrossWeekendsHolidaysDstAndTheYearsEnd(@TempDir Path temp) throws Exception {
        PulseConfig config = new ConfigLoader(Catalogue.standard().names()).parse("pulse.yaml", new ObjectMapper(new YAMLFactory()).readTree(YAML));
        Set<LocalDate> holidays = new java.util.HashSet<>(config.businessHours().calendars().get("office").holidays());
        assertThat(holidays).contains(LocalDate.of(2024, 9, 18), LocalDate.of(2025, 1, 1), LocalDate.of(2024, 12, 24));
        // Around: a Friday evening, a holiday week (Fiestas Patrias 2024), both DST changes of 2024
        // (6-7 April: 24:00 becomes 23:00; 7-8 September: 24:00 becomes 01:00) and New Year.
        List<ZonedDateTime> starts = new ArrayList<>();
        for (LocalDate day : List.of(LocalDate.of(2024, 4, 5), LocalDate.of(2024, 9, 6), LocalDate.of(2024, 9, 17), LocalDate.of(2024, 12, 23),
                LocalDate.of(2024, 12, 31))) {
            for (int hour : new int[] {0, 8, 9, 12, 13, 17, 18, 22, 23}) {
                starts.add(day.atTime(hour, hour % 2 == 0 ? 30 : 0).atZone(SANTIAGO));
            }
        }
        List<String> lines = new ArrayList<>(List.of("ticket_id,account_id,created_at,priority,first_response_at,resolved_at"));
        Map<String, long[]> expected = new java.util.LinkedHashMap<>();
        int n = 0;
        for (ZonedDateTime start : starts) {
            for (long hours : new long[] {0, 1, 5, 26, 75}) {
                for (String priority : List.of("P2", "P1")) {
                    Instant created = start.toInstant();
                    Instant responded = created.plus(Duration.ofMinutes(hours * 60 + 17));
                    Instant resolved = created.plus(Duration.ofHours(hours * 3 + 1));
                    String id = "T" + (++n);
                    lines.add(id + ",A1," + created + "," + priority + "," + responded + "," + resolved);
                    expected.put(id, priority.equals("P1")
                            ? new long[] {Duration.between(created, responded).toMinutes(), Duration.between(created, resolved).toMinutes()}
                            : new long[] {minutes(created, responded, holidays), minutes(created, resolved, holidays)});
                }
            }
        }
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type", "A1,customer");
        folder.file("tickets.csv", lines.toArray(String[]::new));
        try (Database database = folder.open()) {
            folder.importInto(database, config);
            SourceViews views = SourceViews.of(database, config, Scope.everything(), TestingClock.CLOCK);
            List<Map<String, Object>> rows = database.query(new Sql.Builder().add("SELECT ticket_id, business_calendar, frt_business_minutes,"
                    + " resolution_business_hours FROM (").add(views.view(Source.TICKETS)).add(") v ORDER BY ticket_id").build());
            assertThat(rows).hasSize(expected.size());
            int checked = 0;
            for (Map<String, Object> row : rows) {
                long[] want = expected.get((String) row.get("ticket_id"));
                double frt = ((Number) row.get("frt_business_minutes")).doubleValue();
                double resolution = ((Number) row.get("resolution_business_hours")).doubleValue() * 60;
                assertThat(frt).as(row.get("ticket_id") + " first response, business minutes").isCloseTo(want[0], org.assertj.core.data.Offset.offset(1e-6));
                assertThat(resolution).as(row.get("ticket_id") + " resolution, business minutes").isCloseTo(want[1], org.assertj.core.data.Offset.offset(1e-6));
                checked++;
            }
            System.out.printf("business time: %d tickets (%d on the office calendar) agree with the minute-by-minute count%n", checked, checked / 2);
        }
    }

    @Test
    void aTicketRunsOnItsPrioritysCalendarElseItsQueuesElseTheDefault(@TempDir Path temp) throws Exception {
        PulseConfig config = new ConfigLoader(Catalogue.standard().names()).parse("pulse.yaml", new ObjectMapper(new YAMLFactory())
                .readTree(YAML + "  by_queue: {Enterprise desk: always, Nights: office}\n"));
        assertThat(config.businessHours().calendarFor("p1", "Nights")).isEqualTo("always");
        assertThat(config.businessHours().calendarFor("P3", "ENTERPRISE DESK")).isEqualTo("always");
        assertThat(config.businessHours().calendarFor("P3", null)).isEqualTo("office");
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type", "A1,customer");
        // Friday 2024-03-01 17:00 Santiago (UTC-3), answered 2 h later: 60 business minutes on the office calendar, 120 on always
        folder.file("tickets.csv", "ticket_id,account_id,created_at,priority,first_response_at,queue",
                "T1,A1,2024-03-01T20:00:00Z,P1,2024-03-01T22:00:00Z,Nights",
                "T2,A1,2024-03-01T20:00:00Z,P3,2024-03-01T22:00:00Z,enterprise desk",
                "T3,A1,2024-03-01T20:00:00Z,P3,2024-03-01T22:00:00Z,Retail",
                "T4,A1,2024-03-01T20:00:00Z,P3,2024-03-01T22:00:00Z,");
        try (Database database = folder.open()) {
            folder.importInto(database, config);
            SourceViews views = SourceViews.of(database, config, Scope.everything(), TestingClock.CLOCK);
            List<Map<String, Object>> rows = database.query(new Sql.Builder().add("SELECT ticket_id, business_calendar, frt_business_minutes FROM (")
                    .add(views.view(Source.TICKETS)).add(") v ORDER BY ticket_id").build());
            assertThat(rows).extracting(r -> r.get("ticket_id") + " " + r.get("business_calendar") + " " + ((Number) r.get("frt_business_minutes")).longValue())
                    .containsExactly("T1 always 120", "T2 always 120", "T3 office 60", "T4 office 60");
            List<MetricValue> byQueue = new MetricEngine(database, Catalogue.standard(), config, Scope.everything(), TestingClock.CLOCK)
                    .compute(new MetricQuery(List.of("frt_business_median"), List.of("queue"), null));
            assertThat(byQueue).extracting(r -> r.group().get("queue") + "=" + r.value())
                    .containsExactlyInAnyOrder("Nights=120.0", "enterprise desk=120.0", "Retail=60.0", "null=60.0");
        }
    }

    @Test
    void calendarsAreCheckedWholeAndWithoutCalendarsBusinessTimeIsCalendarTime() throws Exception {
        ConfigLoader loader = new ConfigLoader(Catalogue.standard().names());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse("pulse.yaml", new ObjectMapper(new YAMLFactory()).readTree(String.join("\n",
                        "calendars:", "  office:", "    timezone: Mars/Olympus", "    hours: {mon: \"18:00-09:00\", funday: \"09:00-10:00\"}",
                        "    holidays: [atlantis, 2024-02-30]", "  always: {timezone: UTC, hours: {mon: \"00:00-24:00\"}}",
                        "business_hours:", "  default: office", "  by_priority: {P1: night}", ""))))
                .hasMessageContaining("calendars.office.timezone").hasMessageContaining("calendars.office.hours.mon: '18:00-09:00' must end after")
                .hasMessageContaining("calendars.office.hours.funday: not a weekday").hasMessageContaining("'atlantis' is neither a date")
                .hasMessageContaining("'2024-02-30' is neither a date").hasMessageContaining("calendars.always: 'always' is the calendar that never closes")
                .hasMessageContaining("business_hours.by_priority.P1: 'night' is not a calendar");
        assertThat(PulseConfig.defaults().businessHours().calendarFor("P3", null)).isEqualTo("always");
    }
}
