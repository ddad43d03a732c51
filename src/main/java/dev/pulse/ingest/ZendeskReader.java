package dev.pulse.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * {@code pulse import DIR --from zendesk}: a Zendesk export folder, as the Zendesk Support API gives it
 * ({@code organizations.json}, {@code users.json}, {@code groups.json}, {@code tickets.json} or the incremental export's
 * {@code tickets.jsonl}, {@code ticket_metrics.json}, {@code satisfaction_ratings.json}; each a JSON object
 * holding the array of its name, or JSON Lines of the records), written as the data contract's files
 * (accounts, contacts, tickets, surveys) into a folder that is then imported like any data folder:
 * the same checks, quarantine and idempotent re-import. Records are read one at a time.
 *
 * <ul>
 *   <li>organizations → accounts (id, name; type customer); users with the role end-user and an
 *       e-mail → contacts (language es for a Spanish locale, else en);</li>
 *   <li>tickets → tickets: priority urgent/high/normal/low → P1-P4, {@code via.channel} web → portal,
 *       voice → phone, chat and messaging → chat, others as they are; type → category; assignee → agent;
 *       requester → contact when a contact of that id exists (a deleted user's tickets keep no contact);
 *       the tag {@code escalated} → escalated; from {@code ticket_metrics}: first response = created +
 *       {@code reply_time_in_minutes.calendar}, resolved = {@code solved_at}, reopens, and contacts =
 *       the agent replies (at least 1); the group ({@code group_id}, named from {@code groups.json} when
 *       there) → queue, which can choose the ticket's business calendar;</li>
 *   <li>satisfaction ratings good/bad (or a ticket's own {@code satisfaction_rating}) → csat answers with
 *       the configured scores; offered-but-unanswered ones are not answers.</li>
 * </ul>
 * Tickets deleted or closed by a merge into another are left out and counted; a ticket without an
 * organization keeps an empty account, which the contract's check quarantines with the ticket's id.
 */
public final class ZendeskReader {
    /** What a good and a bad satisfaction rating count as on the CSAT 1-5 scale. */
    public record Options(int goodScore, int badScore) {
        public Options {
            if (goodScore < 1 || goodScore > 5 || badScore < 1 || badScore > 5) {
                throw new IllegalArgumentException("CSAT scores are 1 to 5");
            }
        }

        public static Options defaults() {
            return new Options(5, 1);
        }
    }

    /** What the conversion did: records read per file, and what was left out or changed, and why. */
    public record Conversion(Map<String, Long> read, List<String> notes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a ticket takes from its ticket_metrics record: reply time (calendar minutes), solved_at, reopens, replies (at least 1). */
    private record TicketMetrics(Long replyMinutes, String solvedAt, String reopens, String replies) {
    }

    private ZendeskReader() {
    }

    public static Conversion convert(Path folder, Path staging, Options options) throws IOException, CsvImporter.ImportException {
        requireNonNull(options, "options is null");
        Map<String, Long> read = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Path organizations = find(folder, "organizations");
        Path users = find(folder, "users");
        Path tickets = find(folder, "tickets");
        if (tickets == null && organizations == null) {
            throw new CsvImporter.ImportException(folder + ": no Zendesk export here (tickets.json or tickets.jsonl, organizations.json, users.json,"
                    + " ticket_metrics.json, satisfaction_ratings.json)");
        }
        if (organizations != null) {
            long[] count = new long[1];
            try (CSVPrinter out = printer(staging.resolve("accounts.csv"), "account_id", "name", "type")) {
                records(organizations, "organizations", org -> {
                    count[0]++;
                    print(out, text(org, "id"), text(org, "name"), "customer");
                });
            }
            read.put(organizations.getFileName().toString(), count[0]);
        }
        Set<String> contacts = new HashSet<>();
        if (users != null) {
            long[] count = new long[2];
            try (CSVPrinter out = printer(staging.resolve("contacts.csv"), "contact_id", "account_id", "email", "name", "language")) {
                records(users, "users", user -> {
                    count[0]++;
                    String role = text(user, "role");
                    String email = text(user, "email");
                    if (role != null && !role.equals("end-user") || email == null) {
                        count[1]++;
                        return; // agents and admins are not surveyed; a user without an e-mail cannot be
                    }
                    String locale = text(user, "locale");
                    contacts.add(text(user, "id"));
                    print(out, text(user, "id"), text(user, "organization_id"), email, text(user, "name"),
                            locale != null && locale.toLowerCase(Locale.ROOT).startsWith("es") ? "es" : "en");
                });
            }
            read.put(users.getFileName().toString(), count[0]);
            if (count[1] > 0) {
                notes.add(String.format(Locale.ROOT, "%,d users are agents, admins or have no e-mail: not contacts", count[1]));
            }
        }
        // only what a ticket takes from its metrics record, not the record: at a million tickets the
        // parsed records held 1.5 GB
        Map<String, TicketMetrics> metrics = new HashMap<>();
        Path metricsFile = find(folder, "ticket_metrics");
        if (metricsFile != null) {
            long[] count = new long[1];
            records(metricsFile, "ticket_metrics", m -> {
                count[0]++;
                JsonNode reply = m.path("reply_time_in_minutes").path("calendar");
                metrics.put(text(m, "ticket_id"), new TicketMetrics(reply.isNumber() ? reply.asLong() : null, text(m, "solved_at"),
                        text(m, "reopens"), m.path("replies").isNumber() ? String.valueOf(Math.max(1, m.path("replies").asLong())) : null));
            });
            read.put(metricsFile.getFileName().toString(), count[0]);
        }
        Map<String, String> groups = new HashMap<>();
        Path groupsFile = find(folder, "groups");
        if (groupsFile != null) {
            long[] count = new long[1];
            records(groupsFile, "groups", g -> {
                count[0]++;
                groups.put(text(g, "id"), text(g, "name"));
            });
            read.put(groupsFile.getFileName().toString(), count[0]);
        }
        Map<String, String> ticketAccount = new HashMap<>();
        List<String[]> embeddedRatings = new ArrayList<>();
        if (tickets != null) {
            long[] count = new long[5]; // read, deleted, merged, requester unknown, without metrics
            try (CSVPrinter out = printer(staging.resolve("tickets.csv"), "ticket_id", "account_id", "created_at", "priority", "channel",
                    "category", "first_response_at", "resolved_at", "contacts", "reopens", "escalated", "agent_id", "contact_id", "queue")) {
                records(tickets, "tickets", ticket -> {
                    count[0]++;
                    String id = text(ticket, "id");
                    String status = text(ticket, "status");
                    List<String> tags = new ArrayList<>();
                    ticket.path("tags").forEach(t -> tags.add(t.asText()));
                    if ("deleted".equals(status)) {
                        count[1]++;
                        return;
                    }
                    if (tags.contains("closed_by_merge")) {
                        count[2]++;
                        return;
                    }
                    String account = text(ticket, "organization_id");
                    ticketAccount.put(id, account);
                    String requester = text(ticket, "requester_id");
                    if (requester != null && !contacts.contains(requester)) {
                        count[3]++;
                        requester = null;
                    }
                    String created = text(ticket, "created_at");
                    TicketMetrics metric = metrics.get(id);
                    if (metric == null && metricsFile != null) {
                        count[4]++;
                    }
                    String firstResponse = null;
                    if (metric != null && metric.replyMinutes() != null && created != null) {
                        try {
                            firstResponse = Instant.parse(created).plusSeconds(60L * metric.replyMinutes()).toString();
                        } catch (DateTimeParseException e) {
                            firstResponse = null; // the contract's check says what is wrong with created_at
                        }
                    }
                    String resolved = metric == null ? null : metric.solvedAt();
                    String reopens = metric == null ? null : metric.reopens();
                    String replies = metric == null ? null : metric.replies();
                    print(out, id, account, created, priority(text(ticket, "priority")), channel(ticket.path("via").path("channel").asText(null)),
                            text(ticket, "type"), firstResponse, resolved, replies, reopens, tags.contains("escalated") ? "true" : "false",
                            text(ticket, "assignee_id"), requester, groups.getOrDefault(text(ticket, "group_id"), text(ticket, "group_id")));
                    JsonNode rating = ticket.path("satisfaction_rating");
                    if (rating.isObject()) {
                        embeddedRatings.add(new String[] {text(rating, "id"), id, text(rating, "score"), text(rating, "comment"),
                                text(ticket, "updated_at"), account});
                    }
                });
            }
            read.put(tickets.getFileName().toString(), count[0]);
            if (count[1] > 0) {
                notes.add(String.format(Locale.ROOT, "%,d deleted tickets left out", count[1]));
            }
            if (count[2] > 0) {
                notes.add(String.format(Locale.ROOT, "%,d tickets closed by a merge into another left out (the ticket they were merged into counts)", count[2]));
            }
            if (count[3] > 0) {
                notes.add(String.format(Locale.ROOT, "%,d tickets' requester is not a contact (a deleted user, or an agent): no contact_id", count[3]));
            }
            if (count[4] > 0) {
                notes.add(String.format(Locale.ROOT, "%,d tickets have no ticket_metrics record: no first response, resolution or reopens", count[4]));
            }
        }
        Path ratings = find(folder, "satisfaction_ratings");
        long[] answers = new long[2]; // written, not answered
        try (CSVPrinter out = printer(staging.resolve("surveys.csv"), "response_id", "account_id", "kind", "ticket_id", "responded_at", "score",
                "comment")) {
            Consumer<String[]> rating = r -> {
                String score = r[2] == null ? null : r[2].toLowerCase(Locale.ROOT);
                if (score == null || (!score.equals("good") && !score.equals("bad"))) {
                    answers[1]++; // offered, unoffered: asked, not answered
                    return;
                }
                answers[0]++;
                print(out, "zendesk-rating-" + r[0], r[5] != null ? r[5] : ticketAccount.get(r[1]), "csat", r[1], r[4],
                        String.valueOf(score.equals("good") ? options.goodScore() : options.badScore()), r[3]);
            };
            if (ratings != null) {
                long[] count = new long[1];
                records(ratings, "satisfaction_ratings", r -> {
                    count[0]++;
                    rating.accept(new String[] {text(r, "id"), text(r, "ticket_id"), text(r, "score"), text(r, "comment"), text(r, "created_at"),
                            ticketAccount.get(text(r, "ticket_id"))});
                });
                read.put(ratings.getFileName().toString(), count[0]);
            } else {
                embeddedRatings.forEach(rating);
            }
        }
        if (answers[1] > 0) {
            notes.add(String.format(Locale.ROOT, "%,d satisfaction ratings were offered but not answered: not survey answers", answers[1]));
        }
        if (answers[0] == 0) {
            Files.delete(staging.resolve("surveys.csv"));
        }
        return new Conversion(read, notes);
    }

    private static String priority(String zendesk) {
        if (zendesk == null) {
            return null;
        }
        return switch (zendesk.toLowerCase(Locale.ROOT)) {
            case "urgent" -> "P1";
            case "high" -> "P2";
            case "normal" -> "P3";
            case "low" -> "P4";
            default -> zendesk;
        };
    }

    private static String channel(String via) {
        if (via == null) {
            return null;
        }
        return switch (via.toLowerCase(Locale.ROOT)) {
            case "web", "web_form", "help_center" -> "portal";
            case "voice", "phone", "phone_call_inbound", "phone_call_outbound" -> "phone";
            case "chat", "native_messaging", "messaging", "whatsapp", "sunshine_conversations" -> "chat";
            case "email", "mail" -> "email";
            default -> via.toLowerCase(Locale.ROOT);
        };
    }

    /** The file for a record type: NAME.json or NAME.jsonl, or null. */
    private static Path find(Path folder, String name) {
        for (String extension : new String[] {".json", ".jsonl"}) {
            Path file = folder.resolve(name + extension);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /** Each record of a file: the elements of its top-level array {@code field} (or a bare array), or each line of JSON Lines. */
    static void records(Path file, String field, Consumer<JsonNode> each) throws IOException, CsvImporter.ImportException {
        if (file.getFileName().toString().endsWith(".jsonl")) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                long line = 0;
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    try {
                        each.accept(JSON.readTree(text));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new CsvImporter.ImportException(file.getFileName() + " line " + line + ": not a JSON record (" + e.getOriginalMessage() + ")");
                    }
                }
            }
            return;
        }
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals(field) && value == JsonToken.START_ARRAY) {
                        readArray(parser, each);
                    } else {
                        parser.skipChildren(); // next_page, count, ...
                    }
                }
            } else if (first == JsonToken.START_ARRAY) {
                readArray(parser, each);
            } else {
                throw new CsvImporter.ImportException(file.getFileName() + ": not a Zendesk export (a JSON object with \"" + field + "\": [...])");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CsvImporter.ImportException(file.getFileName() + ": not valid JSON at line " + e.getLocation().getLineNr() + " ("
                    + e.getOriginalMessage() + ")");
        }
    }

    private static void readArray(JsonParser parser, Consumer<JsonNode> each) throws IOException {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            each.accept(parser.readValueAsTree());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader(header).build().print(writer);
    }

    private static void print(CSVPrinter out, Object... values) {
        try {
            out.printRecord(values);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
