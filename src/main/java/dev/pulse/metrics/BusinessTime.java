package dev.pulse.metrics;

import dev.pulse.config.BusinessHours;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The opening intervals of each business calendar, as a table the tickets view sums over
 * ({@code business_hours}: calendar, open_us, close_us in microseconds since the epoch), covering
 * every day from the first ticket's creation to the last response or resolution. It is rebuilt
 * when the calendars or that range change, and only then.
 */
final class BusinessTime {
    static final String TABLE = "business_hours";
    private static final String SETTING = "business_hours_built_for";

    private BusinessTime() {
    }

    /** Makes the table hold the calendars of {@code config} over the tickets' days (nothing without calendars). */
    static void ensure(Database database, PulseConfig config) throws SQLException {
        BusinessHours hours = config.businessHours();
        if (!hours.configured() || !database.tableExists("tickets")) {
            return;
        }
        List<Map<String, Object>> range = database.query(Sql.of("SELECT " + database.dialect().epochMicros("min(created_at)") + " AS first_us, " + database.dialect().epochMicros("max(greatest(created_at,"
                + " coalesce(first_response_at, created_at), coalesce(resolved_at, created_at)))") + " AS last_us FROM tickets"));
        Object firstUs = range.get(0).get("first_us");
        if (firstUs == null) {
            return;
        }
        // a day of margin on each side: a calendar's local day may start before the UTC day
        LocalDate first = Instant.EPOCH.plusNanos(((Number) firstUs).longValue() * 1000).atOffset(ZoneOffset.UTC).toLocalDate().minusDays(2);
        LocalDate last = Instant.EPOCH.plusNanos(((Number) range.get(0).get("last_us")).longValue() * 1000).atOffset(ZoneOffset.UTC)
                .toLocalDate().plusDays(2);
        String fingerprint = hours.calendars() + "|" + first + "|" + last;
        if (database.tableExists(TABLE) && fingerprint.equals(setting(database))) {
            return;
        }
        database.inTransaction(() -> {
            database.execute("CREATE OR REPLACE TABLE " + TABLE + " (calendar VARCHAR, open_us BIGINT, close_us BIGINT)");
            for (BusinessHours.Calendar calendar : hours.calendars().values()) {
                List<Instant[]> intervals = calendar.intervals(first, last);
                for (int start = 0; start < intervals.size(); start += 500) {
                    List<Instant[]> chunk = intervals.subList(start, Math.min(intervals.size(), start + 500));
                    StringBuilder values = new StringBuilder();
                    List<Object> binds = new ArrayList<>();
                    for (Instant[] interval : chunk) {
                        values.append(values.length() == 0 ? "" : ", ").append("(?, ?, ?)");
                        binds.add(calendar.name());
                        binds.add(micros(interval[0]));
                        binds.add(micros(interval[1]));
                    }
                    database.execute(new Sql("INSERT INTO " + TABLE + " VALUES " + values, binds));
                }
            }
            Schema.putSetting(database, SETTING, fingerprint);
            return null;
        });
    }

    private static String setting(Database database) throws SQLException {
        List<Map<String, Object>> rows = database.query(Sql.of("SELECT value FROM pulse_settings WHERE key = ?", SETTING));
        return rows.isEmpty() ? null : (String) rows.get(0).get("value");
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }
}
