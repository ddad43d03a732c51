package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code pulse import DIR --from genesys}: Genesys Cloud conversation detail records (the analytics
 * conversation details query or its async job: JSON objects with {@code "conversations": [...]}, or JSON
 * Lines of conversations; every .json and .jsonl file of the folder), written as the contract's
 * interactions.csv. Each agent session that handled the conversation is one interaction, as Genesys counts
 * handled conversations (a transfer hands it to a second agent: a second interaction, id
 * {@code conversationId/2}); a conversation no agent answered is one abandoned interaction (with tAbandon)
 * or one still waiting. Metrics are milliseconds: talk = tTalkComplete, hold = tHeldComplete, wrap-up =
 * tAcw, so that handle time = talk + hold + wrap-up, Genesys's tHandle; the wait before an agent is the
 * queue session's tAcd (answered = offered + tAcd); offered = the queue session's first segment start,
 * else the conversation's start; the channel is the session's mediaType (voice → phone, chat and message
 * → chat, email, callback); the queue its queueId.
 */
public final class GenesysReader {
    public record Conversion(long conversations, long interactions, List<String> notes) {
    }

    private GenesysReader() {
    }

    public static Conversion convert(Path folder, Path staging) throws IOException, CsvImporter.ImportException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".json") || f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new CsvImporter.ImportException(folder + ": no Genesys conversation detail records here (.json with \"conversations\": [...], or .jsonl)");
        }
        long[] count = new long[4]; // conversations, interactions, without start, unanswered waiting
        try (CSVPrinter out = CSVFormat.DEFAULT.builder().setHeader("interaction_id", "channel", "queue", "offered_at", "answered_at", "ended_at",
                "abandoned", "talk_seconds", "hold_seconds", "wrap_seconds", "agent_id").build()
                .print(Files.newBufferedWriter(staging.resolve("interactions.csv"), StandardCharsets.UTF_8))) {
            for (Path file : files) {
                ZendeskReader.records(file, "conversations", conversation -> {
                    count[0]++;
                    count[1] += conversation(conversation, out, count);
                });
            }
        }
        List<String> notes = new ArrayList<>();
        if (count[2] > 0) {
            notes.add(String.format(Locale.ROOT, "%,d conversations have no start time: their interactions are quarantined", count[2]));
        }
        if (count[3] > 0) {
            notes.add(String.format(Locale.ROOT, "%,d conversations were neither answered nor abandoned (still waiting when exported)", count[3]));
        }
        return new Conversion(count[0], count[1], notes);
    }

    private static long conversation(JsonNode conversation, CSVPrinter out, long[] count) {
        String id = text(conversation, "conversationId");
        String start = text(conversation, "conversationStart");
        String end = text(conversation, "conversationEnd");
        if (start == null) {
            count[2]++;
        }
        JsonNode queue = null;
        List<JsonNode[]> agents = new ArrayList<>(); // {participant, session}
        for (JsonNode participant : conversation.path("participants")) {
            String purpose = text(participant, "purpose");
            for (JsonNode session : participant.path("sessions")) {
                if ("acd".equals(purpose) && queue == null) {
                    queue = session;
                } else if ("agent".equals(purpose) && metric(session, "tTalkComplete") + metric(session, "tAcw") + metric(session, "tHeldComplete") > 0) {
                    agents.add(new JsonNode[] {participant, session});
                }
            }
        }
        String offered = start;
        String queueId = null;
        long acd = -1;
        boolean abandoned = false;
        String channel = null;
        if (queue != null) {
            JsonNode first = queue.path("segments").path(0);
            offered = first.isMissingNode() || text(first, "segmentStart") == null ? start : text(first, "segmentStart");
            queueId = first.isMissingNode() ? null : text(first, "queueId");
            acd = has(queue, "tAcd") ? metric(queue, "tAcd") : -1;
            abandoned = has(queue, "tAbandon");
            channel = channel(text(queue, "mediaType"));
        }
        if (agents.isEmpty()) {
            if (!abandoned) {
                count[3]++;
            }
            print(out, id, channel, queueId, offered, null, end, abandoned ? "true" : "false", null, null, null, null);
            return 1;
        }
        long written = 0;
        for (JsonNode[] agent : agents) {
            JsonNode session = agent[1];
            String answered = null;
            if (written == 0 && acd >= 0 && offered != null) {
                try {
                    answered = Instant.parse(offered).plusMillis(acd).toString();
                } catch (DateTimeParseException e) {
                    answered = null; // the contract's check says what is wrong with offered_at
                }
            } else {
                JsonNode first = session.path("segments").path(0);
                answered = first.isMissingNode() ? null : text(first, "segmentStart");
            }
            written++;
            print(out, written == 1 ? id : id + "/" + written, channel != null ? channel : channel(text(session, "mediaType")), queueId,
                    offered, answered, end, "false", seconds(metric(session, "tTalkComplete")), seconds(metric(session, "tHeldComplete")),
                    seconds(metric(session, "tAcw")), text(agent[0], "userId"));
        }
        return written;
    }

    private static String channel(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        return switch (mediaType.toLowerCase(Locale.ROOT)) {
            case "voice" -> "phone";
            case "chat", "message" -> "chat";
            default -> mediaType.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean has(JsonNode session, String name) {
        for (JsonNode metric : session.path("metrics")) {
            if (name.equals(text(metric, "name"))) {
                return true;
            }
        }
        return false;
    }

    /** The sum of a session's metric of that name (milliseconds; a metric may be emitted more than once), 0 when absent. */
    private static long metric(JsonNode session, String name) {
        long total = 0;
        for (JsonNode metric : session.path("metrics")) {
            if (name.equals(text(metric, "name"))) {
                total += metric.path("value").asLong();
            }
        }
        return total;
    }

    private static String seconds(long millis) {
        return String.valueOf(Math.round(millis / 1000.0));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static void print(CSVPrinter out, Object... values) {
        try {
            out.printRecord(values);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
