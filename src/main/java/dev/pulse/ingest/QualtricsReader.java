package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code pulse import responses.csv --from qualtrics --survey-map nps=Q1,comment=Q2_TEXT}: a Qualtrics
 * response export, CSV (UTF-8) or TSV (UTF-16, as Qualtrics writes it), with its three header rows
 * (export tags; question texts; import ids as JSON, whose date columns carry the export's time zone),
 * or a legacy export (V1, V2, ... with two header rows), written as the data contract's surveys.csv.
 * The survey map says which question is which kind (nps 0-10, csat 1-5, ces 1-7; several allowed),
 * which text column is the comment, and which columns hold the account and the e-mail (default
 * ExternalReference and RecipientEmail). Each answered kind of a response is one answer; previews,
 * tests and spam (Status 1, 2, 8) are left out and counted.
 */
public final class QualtricsReader {
    private static final Set<String> KINDS = Set.of("nps", "csat", "ces");
    private static final Set<String> MAP_KEYS = Set.of("nps", "csat", "ces", "comment", "account", "email", "program");
    private static final DateTimeFormatter QUALTRICS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT);

    /** What the conversion of a survey export did (Qualtrics's, and SurveyMonkey's through {@link SurveyMonkeyReader}). */
    public record Conversion(long responses, long answers, List<String> notes) {
    }

    private QualtricsReader() {
    }

    /** Parses "nps=Q1,comment=Q2_TEXT" into its keys; a user error names what is wrong. */
    public static Map<String, String> surveyMap(String text) throws CsvImporter.ImportException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            int equals = part.indexOf('=');
            String key = equals < 0 ? part.trim() : part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : part.substring(equals + 1).trim();
            if (!MAP_KEYS.contains(key) || value.isEmpty()) {
                throw new CsvImporter.ImportException("--survey-map: '" + part.trim() + "' must be KEY=COLUMN with KEY one of nps, csat, ces,"
                        + " comment, account, email, program (e.g. nps=Q1,comment=Q2_TEXT)");
            }
            map.put(key, value);
        }
        if (map.keySet().stream().noneMatch(KINDS::contains)) {
            throw new CsvImporter.ImportException("--survey-map: name the question of at least one kind (nps=, csat= or ces=)");
        }
        return map;
    }

    public static Conversion convert(Path export, Path staging, Map<String, String> map, ZoneId defaultZone)
            throws IOException, CsvImporter.ImportException {
        try {
            return read(export, staging, map, defaultZone);
        } catch (java.io.UncheckedIOException e) {
            // Commons CSV's iterator wraps a malformed record (a stray quote) this way
            throw new CsvImporter.ImportException(export.getFileName() + ": not valid CSV: " + e.getCause().getMessage());
        }
    }

    private static Conversion read(Path export, Path staging, Map<String, String> map, ZoneId defaultZone)
            throws IOException, CsvImporter.ImportException {
        requireNonNull(map, "map is null");
        List<String> notes = new ArrayList<>();
        try (CSVParser parser = parser(export)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new CsvImporter.ImportException(export.getFileName() + ": empty");
            }
            List<String> tags = new ArrayList<>();
            records.next().forEach(tags::add);
            boolean legacy = !tags.isEmpty() && tags.get(0).equals("V1");
            if (!records.hasNext()) {
                throw new CsvImporter.ImportException(export.getFileName() + ": only one header row; a Qualtrics export has three (two when legacy)");
            }
            records.next(); // question texts
            Map<String, ZoneId> zones = new LinkedHashMap<>();
            if (!legacy) {
                if (!records.hasNext()) {
                    throw new CsvImporter.ImportException(export.getFileName() + ": the third header row (import ids) is missing");
                }
                CSVRecord importIds = records.next();
                ObjectMapper json = new ObjectMapper();
                for (int i = 0; i < importIds.size() && i < tags.size(); i++) {
                    try {
                        JsonNode id = json.readTree(importIds.get(i));
                        if (id != null && id.has("timeZone")) {
                            zones.put(tags.get(i), ZoneId.of(id.get("timeZone").asText()));
                        }
                    } catch (IOException | DateTimeException e) {
                        // not an import id with a time zone: that column's times are read in the default zone
                    }
                }
            } else {
                notes.add("a legacy export (V1, V2, ...): its times carry no time zone and are read in the reporting zone " + defaultZone.getId());
            }
            String idColumn = legacy ? "V1" : "ResponseId";
            String timeColumn = legacy ? "V9" : tags.contains("RecordedDate") ? "RecordedDate" : "EndDate";
            String statusColumn = legacy ? "V7" : "Status";
            List<String> missing = new ArrayList<>();
            Map<String, Integer> index = new LinkedHashMap<>();
            for (String column : List.of(idColumn, timeColumn)) {
                index.put(column, require(tags, column, missing));
            }
            Map<String, String> columns = new LinkedHashMap<>(map);
            columns.putIfAbsent("account", legacy ? "V4" : "ExternalReference");
            columns.putIfAbsent("email", legacy ? "V5" : "RecipientEmail");
            for (Map.Entry<String, String> entry : columns.entrySet()) {
                if (!entry.getKey().equals("program")) {
                    index.put(entry.getValue(), require(tags, entry.getValue(), missing));
                }
            }
            if (!missing.isEmpty()) {
                throw new CsvImporter.ImportException(export.getFileName() + " has no column " + String.join(", ", missing) + " (its columns: "
                        + String.join(", ", tags) + ")");
            }
            int status = tags.indexOf(statusColumn);
            ZoneId zone = zones.getOrDefault(timeColumn, defaultZone);
            long responses = 0;
            long answers = 0;
            long excluded = 0;
            long unreadable = 0;
            try (CSVPrinter out = CSVFormat.DEFAULT.builder().setHeader("response_id", "account_id", "contact_email", "kind", "program",
                    "responded_at", "score", "comment").build().print(Files.newBufferedWriter(staging.resolve("surveys.csv"), StandardCharsets.UTF_8))) {
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        continue;
                    }
                    responses++;
                    if (status >= 0 && status < record.size() && Set.of("1", "2", "8", "Survey Preview", "Survey Test", "Spam")
                            .contains(record.get(status).trim())) {
                        excluded++;
                        continue;
                    }
                    String time = value(record, index.get(timeColumn));
                    String respondedAt = time;
                    try {
                        respondedAt = LocalDateTime.parse(time, QUALTRICS_TIME).atZone(zone).toOffsetDateTime().toString();
                    } catch (DateTimeParseException e) {
                        unreadable++; // passed on as it was: the contract's check quarantines it with the reason
                    }
                    List<String> kinds = map.keySet().stream().filter(KINDS::contains).toList();
                    boolean commentGiven = false;
                    for (String kind : kinds) {
                        String score = leadingInteger(value(record, index.get(map.get(kind))));
                        if (score.isEmpty()) {
                            continue; // not answered
                        }
                        String id = value(record, index.get(idColumn)) + (kinds.size() > 1 ? "-" + kind : "");
                        String comment = !commentGiven && map.containsKey("comment") ? value(record, index.get(map.get("comment"))) : "";
                        commentGiven = true;
                        out.printRecord(id, value(record, index.get(columns.get("account"))), value(record, index.get(columns.get("email"))), kind,
                                map.getOrDefault("program", "qualtrics"), respondedAt, score, comment);
                        answers++;
                    }
                }
            }
            if (excluded > 0) {
                notes.add(String.format(Locale.ROOT, "%,d previews, tests or spam left out", excluded));
            }
            if (unreadable > 0) {
                notes.add(String.format(Locale.ROOT, "%,d response times are not Qualtrics's yyyy-MM-dd HH:mm:ss: passed on as they were", unreadable));
            }
            notes.add("times read in " + zone.getId() + (zones.containsKey(timeColumn) ? " (the export's import-id row)" : ""));
            return new Conversion(responses, answers, notes);
        }
    }

    /** "10", or the 10 of a choice text "10 - Extremely likely"; empty when the cell holds no number. */
    static String leadingInteger(String text) {
        int end = 0;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == 0 ? "" : text.substring(0, end);
    }

    private static int require(List<String> tags, String column, List<String> missing) {
        int i = tags.indexOf(column);
        if (i < 0) {
            missing.add(column);
        }
        return i;
    }

    /** The cell at {@code index} trimmed; empty when the column is missing or the record shorter. */
    static String value(CSVRecord record, Integer index) {
        return index == null || index < 0 || index >= record.size() ? "" : record.get(index).strip();
    }

    /** CSV in UTF-8 (byte-order mark or not), or TSV in UTF-16 (its byte-order mark says which end). */
    private static CSVParser parser(Path export) throws IOException {
        InputStream in = Files.newInputStream(export);
        byte[] mark = new byte[3];
        int read = in.readNBytes(mark, 0, 2);
        Charset charset;
        char separator;
        int skip;
        if (read == 2 && (mark[0] & 0xFF) == 0xFF && (mark[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            separator = '\t';
            skip = 2;
        } else if (read == 2 && (mark[0] & 0xFF) == 0xFE && (mark[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            separator = '\t';
            skip = 2;
        } else {
            charset = StandardCharsets.UTF_8;
            separator = export.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
            skip = CsvMapping.startsWithUtf8Mark(export) ? 3 : 0;
        }
        in.close();
        InputStream body = Files.newInputStream(export);
        body.skipNBytes(skip);
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, charset));
        return CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreEmptyLines(false).build().parse(reader);
    }
}
