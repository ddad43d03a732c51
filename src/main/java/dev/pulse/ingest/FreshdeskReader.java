package dev.pulse.ingest;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code pulse import tickets.csv --from freshdesk}: Freshdesk's ticket export (Tickets, Export, CSV),
 * with the labels Freshdesk gives its columns, written as the contract's accounts, contacts, tickets
 * and surveys, then imported like any data folder. Columns are found by their label (case-insensitive);
 * only {@code Ticket ID} and {@code Created time} are required, every other one is used when exported.
 *
 * <ul>
 *   <li>times ({@code Created time}, {@code Initial response time}, {@code Resolved time}, {@code Closed time},
 *       {@code Last update time}) are "yyyy-MM-dd HH:mm:ss" in the help desk's time zone, which the export
 *       does not state: read in the zone given (the reporting zone unless --source-timezone); a value with
 *       an offset keeps it;</li>
 *   <li>first response = {@code Initial response time}; resolved = {@code Resolved time}, else {@code Closed time};</li>
 *   <li>{@code Priority} Urgent/High/Medium/Low → P1-P4; {@code Source} Email, Portal, Phone, Chat, Feedback
 *       Widget, Outbound Email, WhatsApp ... → email, portal, phone, chat, portal, email, chat (others lower-cased);
 *       {@code Type} → category; {@code Group} → queue; {@code Agent} → agent; {@code Product} → product;
 *       {@code Customer interactions} → contacts (at least 1); a tag {@code escalated} → escalated;</li>
 *   <li>{@code Company Name} → the account (id and name, a customer); the contact columns ({@code Contact ID},
 *       else the e-mail, {@code Full name}, {@code Email}, {@code Language}) → contacts;</li>
 *   <li>{@code Survey results}: the satisfaction rating's label → a CSAT answer by the label map (default
 *       Awesome 5, Just Okay 3, Not Good 1, and Happy / Neutral / Unhappy the same). The export has no answer
 *       time: the answer is dated at the ticket's resolution, else its closing, else its last update. A
 *       label the map does not give is passed on, and the contract's check quarantines it.</li>
 * </ul>
 * The conversion is set-based (DuckDB reads the export and writes each contract file in one statement).
 * {@code First response time (in hrs)} and {@code Resolution time (in hrs)} are Freshdesk's own business
 * hours (H:MM:SS or decimal hours; often empty): not stored (Pulse computes business time from the
 * calendars in pulse.yaml) but summarised, so that the two can be compared.
 */
public final class FreshdeskReader {
    /** The default label map of {@code Survey results} (compared case-insensitively). */
    public static final Map<String, Integer> DEFAULT_RATINGS = Map.of("awesome", 5, "just okay", 3, "not good", 1,
            "happy", 5, "neutral", 3, "unhappy", 1);

    /** What the conversion did: tickets read, answers written, and what was left out or changed, and why. */
    public record Conversion(long tickets, long answers, List<String> notes) {
    }

    private static final String REJECTS = "fd_rejects";

    private FreshdeskReader() {
    }

    /**
     * The label map of {@code --csat-map "Awesome=5,Just Okay=3,Not Good=1"}: each label to a CSAT of 1 to 5;
     * labels it does not give keep their default.
     */
    public static Map<String, Integer> ratings(String text) throws CsvImporter.ImportException {
        Map<String, Integer> ratings = new HashMap<>(DEFAULT_RATINGS);
        if (text == null) {
            return ratings;
        }
        for (String part : text.split(",", -1)) {
            int equals = part.lastIndexOf('=');
            String label = equals < 0 ? "" : part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String score = equals < 0 ? "" : part.substring(equals + 1).trim();
            if (label.isEmpty() || !score.matches("[1-5]")) {
                throw new CsvImporter.ImportException("--csat-map: '" + part.trim() + "' must be LABEL=N with N from 1 to 5"
                        + " (e.g. \"Awesome=5,Just Okay=3,Not Good=1\")");
            }
            ratings.put(label, Integer.parseInt(score));
        }
        return ratings;
    }

    public static Conversion convert(Path export, Path staging, Map<String, Integer> ratings, ZoneId zone)
            throws IOException, CsvImporter.ImportException {
        requireNonNull(ratings, "ratings is null");
        requireNonNull(zone, "zone is null");
        return read(export, staging, ratings, zone);
    }

    /**
     * The conversion is set-based, in an in-memory DuckDB: the export is read once by DuckDB's CSV
     * reader, each contract file written by one COPY. Only the header is read in Java (CsvHeader, as
     * for a contract file), to find the columns by their labels.
     */
    private static Conversion read(Path export, Path staging, Map<String, Integer> ratings, ZoneId zone)
            throws IOException, CsvImporter.ImportException {
        CsvHeader header = CsvHeader.read(export).orElseThrow(() -> new CsvImporter.ImportException(export.getFileName() + ": empty"));
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.names().size(); i++) {
            columns.putIfAbsent(header.names().get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("ticket id", "created time")) {
            if (!columns.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new CsvImporter.ImportException(export.getFileName() + ": not a Freshdesk ticket export: no column "
                    + String.join(", ", missing.stream().map(FreshdeskReader::label).toList()) + " (its columns: "
                    + String.join(", ", header.names()) + ")");
        }
        try (dev.pulse.engine.Database database = dev.pulse.engine.Database.openDuckDb(null, null)) {
            database.execute(database.dialect().setSessionTimeZone(zone.getId()));
            try {
                database.execute(new dev.pulse.engine.Sql.Builder().add("CREATE TABLE fd AS SELECT row_number() OVER () AS n, * FROM ")
                        .add(database.dialect().readCsvAsText(export, header.names().size(), REJECTS, header.delimiter())).build());
            } catch (java.sql.SQLException e) {
                throw new CsvImporter.ImportException(export.getFileName() + ": not valid CSV: " + firstLine(e.getMessage()));
            }
            try {
                Conversion conversion = convert(database, columns, staging, ratings, zone);
                // a record DuckDB could not read as a row of the header's columns goes on as its own text, at the end
                // of tickets.csv, so that the import quarantines it with the export's own line and the reason
                List<String> rejected = new ArrayList<>();
                try (java.io.Writer out = Files.newBufferedWriter(staging.resolve("tickets.csv"), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND)) {
                    for (Map<String, Object> row : database.query(dev.pulse.engine.Sql.of("SELECT line, string_agg(DISTINCT error_type, ', ') AS reason,"
                            + " rtrim(ltrim(any_value(csv_line), chr(13) || chr(10)), chr(13) || chr(10)) AS raw FROM " + REJECTS
                            + " GROUP BY line ORDER BY line"))) {
                        rejected.add("line " + row.get("line") + ": " + String.valueOf(row.get("reason")).toLowerCase(Locale.ROOT));
                        out.write(row.get("raw") + "\n");
                    }
                }
                if (!rejected.isEmpty()) {
                    List<String> notes = new ArrayList<>(conversion.notes());
                    notes.add(String.format(Locale.ROOT, "%,d records of the export are not rows of its %d columns: quarantined as they are; %s%s",
                            rejected.size(), header.names().size(), String.join(", ", rejected.subList(0, Math.min(10, rejected.size()))),
                            rejected.size() > 10 ? ", ..." : ""));
                    conversion = new Conversion(conversion.tickets(), conversion.answers(), notes);
                }
                return conversion;
            } catch (java.sql.SQLException e) {
                throw new CsvImporter.ImportException(export.getFileName() + ": could not be converted: " + firstLine(e.getMessage()));
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("in-memory database: " + firstLine(e.getMessage()), e);
        }
    }

    private static Conversion convert(dev.pulse.engine.Database database, Map<String, Integer> columns, Path staging,
                                      Map<String, Integer> ratings, ZoneId zone) throws java.sql.SQLException {
        // a cell by its label: trimmed, null when empty or not exported
        java.util.function.Function<String, String> cell = label -> columns.containsKey(label)
                ? "NULLIF(trim(c" + columns.get(label) + "), '')" : "CAST(NULL AS VARCHAR)";
        StringBuilder labels = new StringBuilder("SELECT * FROM (VALUES (CAST(NULL AS VARCHAR), CAST(NULL AS INTEGER))");
        List<Object> binds = new ArrayList<>();
        for (Map.Entry<String, Integer> rating : new java.util.TreeMap<>(ratings).entrySet()) {
            labels.append(", (?, ?)");
            binds.add(rating.getKey());
            binds.add(rating.getValue());
        }
        database.execute(new dev.pulse.engine.Sql("CREATE TABLE ratings AS " + labels + ") r(label, score) WHERE label IS NOT NULL", binds));
        String[][] times = {{"created", "created time"}, {"responded", "initial response time"}, {"resolved_raw", "resolved time"},
                {"closed", "closed time"}, {"updated", "last update time"}};
        StringBuilder select = new StringBuilder("CREATE VIEW t AS SELECT n, ");
        for (String[] time : times) {
            select.append(cell.apply(time[1])).append(" AS ").append(time[0]).append("_text, ");
        }
        for (String[] field : new String[][] {{"id", "ticket id"}, {"company", "company name"}, {"email", "email"}, {"contact_no", "contact id"},
                {"full_name", "full name"}, {"language", "language"}, {"priority", "priority"}, {"source", "source"}, {"type", "type"},
                {"product", "product"}, {"agent", "agent"}, {"queue", "group"}, {"interactions", "customer interactions"}, {"tags", "tags"},
                {"rating", "survey results"}, {"business_response", "first response time (in hrs)"},
                {"business_resolution", "resolution time (in hrs)"}}) {
            select.append(cell.apply(field[1])).append(" AS ").append(field[0]).append(", ");
        }
        database.execute(select.append("NULL AS nothing FROM fd").toString());
        // Freshdesk's local time read in the zone (the session's), as an ISO instant; a value with an offset keeps
        // its instant; anything else is passed on as it was, for the contract's check to name
        database.execute("CREATE MACRO fd_time(x) AS CASE WHEN x IS NULL THEN NULL"
                + " WHEN coalesce(try_strptime(x, '%Y-%m-%d %H:%M:%S'), try_strptime(x, '%Y-%m-%d %H:%M')) IS NOT NULL"
                + " THEN strftime(make_timestamp(epoch_us(CAST(coalesce(try_strptime(x, '%Y-%m-%d %H:%M:%S'), try_strptime(x, '%Y-%m-%d %H:%M'))"
                + " AS TIMESTAMPTZ))), '%Y-%m-%dT%H:%M:%SZ')"
                + " WHEN x LIKE '____-__-__%' AND TRY_CAST(x AS TIMESTAMPTZ) IS NOT NULL"
                + " THEN strftime(make_timestamp(epoch_us(TRY_CAST(x AS TIMESTAMPTZ))), '%Y-%m-%dT%H:%M:%S.%fZ') ELSE x END");
        database.execute("CREATE MACRO fd_hours(x) AS CASE WHEN regexp_full_match(x, '[0-9]{1,9}:[0-9]{2}:[0-9]{2}')"
                + " THEN CAST(split_part(x, ':', 1) AS DOUBLE) + CAST(split_part(x, ':', 2) AS DOUBLE) / 60 + CAST(split_part(x, ':', 3) AS DOUBLE) / 3600"
                + " WHEN regexp_full_match(x, '[0-9]{1,9}([.][0-9]+)?') THEN CAST(x AS DOUBLE) END");
        database.execute("CREATE VIEW c AS SELECT *, fd_time(created_text) AS created_at, fd_time(responded_text) AS first_response_at,"
                + " coalesce(fd_time(resolved_raw_text), fd_time(closed_text)) AS resolved_at, fd_time(updated_text) AS updated_at,"
                + " coalesce(contact_no, lower(email)) AS contact_key FROM t");
        database.execute("CREATE TABLE contacts AS SELECT DISTINCT ON (contact_key) contact_key AS contact_id, company AS account_id, email,"
                + " full_name AS name, CASE WHEN lower(language) LIKE 'es%' OR lower(language) = 'spanish' THEN 'es' ELSE 'en' END AS language"
                + " FROM c WHERE contact_key IS NOT NULL AND email IS NOT NULL AND company IS NOT NULL ORDER BY contact_key, n");
        copy(database, "SELECT id AS ticket_id, company AS account_id, created_at, CASE lower(priority) WHEN 'urgent' THEN 'P1' WHEN 'high' THEN 'P2'"
                + " WHEN 'medium' THEN 'P3' WHEN 'low' THEN 'P4' ELSE priority END AS priority, CASE WHEN lower(source) IN ('email', 'outbound email')"
                + " THEN 'email' WHEN lower(source) IN ('portal', 'feedback widget', 'feedback_widget') THEN 'portal' WHEN lower(source) = 'phone'"
                + " THEN 'phone' WHEN lower(source) IN ('chat', 'whatsapp', 'mobihelp', 'bot', 'ecommerce') THEN 'chat' ELSE lower(source) END AS channel,"
                + " type AS category, product, first_response_at, resolved_at, CASE WHEN regexp_full_match(interactions, '[0-9]{1,9}')"
                + " THEN CAST(greatest(1, CAST(interactions AS BIGINT)) AS VARCHAR) ELSE interactions END AS contacts,"
                + " coalesce(regexp_matches(lower(tags), '(^|,)[ ]*escalated[ ]*(,|$)'), FALSE) AS escalated, agent AS agent_id,"
                + " CASE WHEN contact_key IN (SELECT contact_id FROM contacts) THEN contact_key END AS contact_id, queue FROM c ORDER BY n",
                staging.resolve("tickets.csv"));
        copy(database, "SELECT DISTINCT ON (company) company AS account_id, company AS name, 'customer' AS type FROM c WHERE company IS NOT NULL"
                + " ORDER BY company, n", staging.resolve("accounts.csv"));
        long contacts = database.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM contacts"));
        if (contacts > 0) {
            copy(database, "SELECT * FROM contacts", staging.resolve("contacts.csv"));
        }
        long answers = database.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM c WHERE rating IS NOT NULL"));
        if (answers > 0) {
            // the export has no answer time: the resolution, else the closing, else the last update
            copy(database, "SELECT 'freshdesk-survey-' || id AS response_id, company AS account_id, email AS contact_email, 'csat' AS kind,"
                    + " 'freshdesk' AS program, id AS ticket_id, product, coalesce(resolved_at, updated_at) AS responded_at,"
                    + " coalesce(CAST(r.score AS VARCHAR), c.rating) AS score FROM c LEFT JOIN ratings r ON r.label = lower(c.rating)"
                    + " WHERE c.rating IS NOT NULL ORDER BY n", staging.resolve("surveys.csv"));
        }
        Map<String, Object> summary = database.query(dev.pulse.engine.Sql.of("SELECT count(*) AS tickets, count(*) FILTER (WHERE company IS NULL)"
                + " AS without_company, sum((created_text IS NOT NULL AND created_at = created_text)::INT + (responded_text IS NOT NULL AND"
                + " first_response_at = responded_text)::INT + (resolved_raw_text IS NOT NULL AND fd_time(resolved_raw_text) = resolved_raw_text)::INT"
                + " + (closed_text IS NOT NULL AND fd_time(closed_text) = closed_text)::INT + (updated_text IS NOT NULL AND updated_at = updated_text)::INT)"
                + " AS unreadable, median(fd_hours(business_response)) AS response_hours, count(fd_hours(business_response)) AS responses,"
                + " median(fd_hours(business_resolution)) AS resolution_hours, count(fd_hours(business_resolution)) AS resolutions FROM c")).get(0);
        List<String> notes = new ArrayList<>();
        notes.add("times read in " + zone.getId() + " (Freshdesk's export carries no time zone: --source-timezone names the help desk's)");
        long withoutCompany = ((Number) summary.get("without_company")).longValue();
        if (withoutCompany > 0) {
            notes.add(String.format(Locale.ROOT, "%,d tickets have no Company Name: no account, so the contract's check quarantines them", withoutCompany));
        }
        long unreadable = summary.get("unreadable") == null ? 0 : ((Number) summary.get("unreadable")).longValue();
        if (unreadable > 0) {
            notes.add(String.format(Locale.ROOT, "%,d times are not yyyy-MM-dd HH:mm:ss: passed on as they were", unreadable));
        }
        List<String> unmapped = new ArrayList<>();
        for (Map<String, Object> row : database.query(dev.pulse.engine.Sql.of("SELECT c.rating AS label, count(*) AS n FROM c LEFT JOIN ratings r"
                + " ON r.label = lower(c.rating) WHERE c.rating IS NOT NULL AND r.score IS NULL GROUP BY c.rating ORDER BY c.rating"))) {
            unmapped.add(String.format(Locale.ROOT, "'%s' %,d", row.get("label"), ((Number) row.get("n")).longValue()));
        }
        if (!unmapped.isEmpty()) {
            notes.add("survey results without a CSAT in the label map (quarantined; give them with --csat-map \"LABEL=N,...\"): "
                    + String.join(", ", unmapped));
        }
        for (String[] hours : new String[][] {{"first response", "response", "frt_business_median"},
                {"resolution", "resolution", "resolution_business_median"}}) {
            long count = ((Number) summary.get(hours[1] + "s")).longValue();
            if (count > 0) {
                notes.add(String.format(Locale.ROOT, "Freshdesk's own business-hours %s: median %.2f h over %,d tickets (Pulse's %s is computed from"
                                + " pulse.yaml's calendars; business_hours.by_queue assigns Freshdesk's groups)", hours[0],
                        ((Number) summary.get(hours[1] + "_hours")).doubleValue(), count, hours[2]));
            }
        }
        return new Conversion(((Number) summary.get("tickets")).longValue(), answers, notes);
    }

    private static void copy(dev.pulse.engine.Database database, String select, Path file) throws java.sql.SQLException {
        database.execute(dev.pulse.engine.Sql.of("COPY (" + select + ") TO ? (HEADER, DELIMITER ',')", file.toAbsolutePath().toString()));
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String label(String lower) {
        return switch (lower) {
            case "ticket id" -> "'Ticket ID'";
            case "created time" -> "'Created time'";
            default -> "'" + lower + "'";
        };
    }
}
