package dev.pulse.ingest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    private static final DateTimeFormatter FRESHDESK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT);

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
        try {
            return read(export, staging, ratings, zone);
        } catch (UncheckedIOException e) {
            throw new CsvImporter.ImportException(export.getFileName() + ": not valid CSV: " + e.getCause().getMessage());
        }
    }

    private static Conversion read(Path export, Path staging, Map<String, Integer> ratings, ZoneId zone)
            throws IOException, CsvImporter.ImportException {
        try (CSVParser parser = parser(export)) {
            Map<String, Integer> columns = new HashMap<>();
            List<String> header = parser.getHeaderNames();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
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
                        + String.join(", ", header) + ")");
            }
            Row row = new Row(columns);
            Map<String, String> accounts = new LinkedHashMap<>();
            Map<String, String[]> contacts = new LinkedHashMap<>();
            long tickets = 0;
            long answers = 0;
            long[] unreadable = new long[1];
            long withoutCompany = 0;
            Map<String, Long> unmapped = new java.util.TreeMap<>();
            List<Double> businessResponse = new ArrayList<>();
            List<Double> businessResolution = new ArrayList<>();
            try (CSVPrinter ticketsOut = printer(staging.resolve("tickets.csv"), "ticket_id", "account_id", "created_at", "priority", "channel",
                    "category", "product", "first_response_at", "resolved_at", "contacts", "escalated", "agent_id", "contact_id", "queue");
                 CSVPrinter surveysOut = printer(staging.resolve("surveys.csv"), "response_id", "account_id", "contact_email", "kind", "program",
                         "ticket_id", "product", "responded_at", "score")) {
                for (CSVRecord record : parser) {
                    if (record.size() == 1 && record.get(0).isBlank()) {
                        continue;
                    }
                    row.record = record;
                    tickets++;
                    String id = row.get("ticket id");
                    String company = row.get("company name");
                    if (company == null) {
                        withoutCompany++;
                    } else {
                        accounts.putIfAbsent(company, company);
                    }
                    String email = row.get("email");
                    String contact = row.get("contact id") != null ? row.get("contact id") : email == null ? null : email.toLowerCase(Locale.ROOT);
                    if (contact != null && email != null && company != null) {
                        String language = row.get("language");
                        contacts.putIfAbsent(contact, new String[] {contact, company, email, row.get("full name"),
                                language != null && language.toLowerCase(Locale.ROOT).startsWith("es") || "spanish".equalsIgnoreCase(language) ? "es" : "en"});
                    }
                    String resolved = time(row.get("resolved time"), zone, unreadable);
                    if (resolved == null) {
                        resolved = time(row.get("closed time"), zone, unreadable);
                    }
                    String interactions = row.get("customer interactions");
                    String tags = row.get("tags");
                    boolean escalated = tags != null && java.util.Arrays.stream(tags.split(",")).anyMatch(t -> t.trim().equalsIgnoreCase("escalated"));
                    print(ticketsOut, id, company, time(row.get("created time"), zone, unreadable), priority(row.get("priority")),
                            channel(row.get("source")), row.get("type"), row.get("product"), time(row.get("initial response time"), zone, unreadable),
                            resolved, interactions != null && interactions.matches("\\d{1,9}") ? String.valueOf(Math.max(1, Integer.parseInt(interactions)))
                                    : interactions, escalated ? "true" : "false", row.get("agent"), contacts.containsKey(contact) ? contact : null,
                            row.get("group"));
                    addHours(row.get("first response time (in hrs)"), businessResponse);
                    addHours(row.get("resolution time (in hrs)"), businessResolution);
                    String rating = row.get("survey results");
                    if (rating != null) {
                        Integer score = ratings.get(rating.trim().toLowerCase(Locale.ROOT));
                        if (score == null) {
                            unmapped.merge(rating.trim(), 1L, Long::sum);
                        }
                        String answered = resolved != null ? resolved : time(row.get("last update time"), zone, unreadable);
                        print(surveysOut, "freshdesk-survey-" + id, company, email, "csat", "freshdesk", id, row.get("product"), answered,
                                score != null ? String.valueOf(score) : rating.trim());
                        answers++;
                    }
                }
            }
            try (CSVPrinter out = printer(staging.resolve("accounts.csv"), "account_id", "name", "type")) {
                for (String company : accounts.keySet()) {
                    print(out, company, company, "customer");
                }
            }
            if (!contacts.isEmpty()) {
                try (CSVPrinter out = printer(staging.resolve("contacts.csv"), "contact_id", "account_id", "email", "name", "language")) {
                    for (String[] contact : contacts.values()) {
                        print(out, (Object[]) contact);
                    }
                }
            }
            if (answers == 0) {
                Files.delete(staging.resolve("surveys.csv"));
            }
            List<String> notes = new ArrayList<>();
            notes.add("times read in " + zone.getId() + " (Freshdesk's export carries no time zone: --source-timezone names the help desk's)");
            if (withoutCompany > 0) {
                notes.add(String.format(Locale.ROOT, "%,d tickets have no Company Name: no account, so the contract's check quarantines them", withoutCompany));
            }
            if (unreadable[0] > 0) {
                notes.add(String.format(Locale.ROOT, "%,d times are not yyyy-MM-dd HH:mm:ss: passed on as they were", unreadable[0]));
            }
            if (!unmapped.isEmpty()) {
                notes.add("survey results without a CSAT in the label map (quarantined; give them with --csat-map \"LABEL=N,...\"): "
                        + String.join(", ", unmapped.entrySet().stream().map(e -> String.format(Locale.ROOT, "'%s' %,d", e.getKey(), e.getValue())).toList()));
            }
            for (Object[] hours : new Object[][] {{"first response", businessResponse}, {"resolution", businessResolution}}) {
                @SuppressWarnings("unchecked")
                List<Double> values = (List<Double>) hours[1];
                if (!values.isEmpty()) {
                    notes.add(String.format(Locale.ROOT, "Freshdesk's own business-hours %s: median %.2f h over %,d tickets (Pulse's %s is computed from"
                                    + " pulse.yaml's calendars; business_hours.by_queue assigns Freshdesk's groups)", hours[0], median(values), values.size(),
                            hours[0].equals("first response") ? "frt_business_median" : "resolution_business_median"));
                }
            }
            return new Conversion(tickets, answers, notes);
        }
    }

    /** The cells of the current record, by lower-cased column label; null when empty or not exported. */
    private static final class Row {
        private final Map<String, Integer> columns;
        CSVRecord record;

        Row(Map<String, Integer> columns) {
            this.columns = columns;
        }

        String get(String label) {
            Integer i = columns.get(label);
            if (i == null || i >= record.size()) {
                return null;
            }
            String value = record.get(i).trim();
            return value.isEmpty() ? null : value;
        }
    }

    private static String label(String lower) {
        return switch (lower) {
            case "ticket id" -> "'Ticket ID'";
            case "created time" -> "'Created time'";
            default -> "'" + lower + "'";
        };
    }

    /** Freshdesk's local time in the zone, as an ISO instant with offset; a value with an offset keeps it; else passed on as it was. */
    static String time(String value, ZoneId zone, long[] unreadable) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, FRESHDESK_TIME).atZone(zone).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.replace(' ', 'T')).toString();
            } catch (DateTimeParseException again) {
                unreadable[0]++;
                return value;
            }
        }
    }

    /** Freshdesk's hours: "H:MM:SS" (hours may exceed 24) or decimal hours; an empty or unreadable value is left out. */
    static void addHours(String value, List<Double> into) {
        if (value == null) {
            return;
        }
        String[] parts = value.split(":", -1);
        try {
            if (parts.length == 3 && parts[1].length() == 2 && parts[2].length() == 2) {
                into.add(Long.parseLong(parts[0]) + Integer.parseInt(parts[1]) / 60.0 + Integer.parseInt(parts[2]) / 3600.0);
            } else if (parts.length == 1 && value.matches("\\d{1,9}(\\.\\d+)?")) {
                into.add(Double.parseDouble(value));
            }
        } catch (NumberFormatException e) {
            // not hours: left out of the summary
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String priority(String freshdesk) {
        if (freshdesk == null) {
            return null;
        }
        return switch (freshdesk.toLowerCase(Locale.ROOT)) {
            case "urgent" -> "P1";
            case "high" -> "P2";
            case "medium" -> "P3";
            case "low" -> "P4";
            default -> freshdesk;
        };
    }

    private static final Set<String> CHAT_SOURCES = new LinkedHashSet<>(List.of("chat", "whatsapp", "mobihelp", "bot", "ecommerce"));

    private static String channel(String source) {
        if (source == null) {
            return null;
        }
        String lower = source.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "email", "outbound email" -> "email";
            case "portal", "feedback widget", "feedback_widget" -> "portal";
            case "phone" -> "phone";
            default -> CHAT_SOURCES.contains(lower) ? "chat" : lower;
        };
    }

    private static CSVParser parser(Path export) throws IOException {
        InputStream in = Files.newInputStream(export);
        if (CsvMapping.startsWithUtf8Mark(export)) {
            in.skipNBytes(3);
        }
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).build()
                .parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader(header).build().print(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    private static void print(CSVPrinter out, Object... values) {
        try {
            out.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
