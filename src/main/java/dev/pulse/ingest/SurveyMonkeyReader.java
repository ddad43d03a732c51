package dev.pulse.ingest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * {@code pulse import all-responses.csv --from surveymonkey --survey-map nps=How likely,comment=What is the primary reason}:
 * SurveyMonkey's "all responses" CSV, with its two header rows: the question texts (a question answered in
 * several columns has its text over the first of them only) and, under them, what each column holds
 * ("Response", "Open-Ended Response", a choice or row label). A survey-map value names a column by the
 * start of its question's text, optionally {@code / label} for one of its columns (compared
 * case-insensitively), or by its position {@code #12} (1 = the first column). The account is in
 * "Custom Data 1" unless {@code account=} says otherwise, the e-mail in "Email Address"; the answer time is
 * "End Date" (MM/dd/yyyy hh:mm:ss AM/PM, SurveyMonkey's export, read in the reporting time zone: the export
 * carries none).
 */
public final class SurveyMonkeyReader {
    private static final Set<String> KINDS = Set.of("nps", "csat", "ces");
    private static final DateTimeFormatter US_TIME = new java.time.format.DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MM/dd/yyyy hh:mm[:ss] a").toFormatter(Locale.US);

    private SurveyMonkeyReader() {
    }

    public static QualtricsReader.Conversion convert(Path export, Path staging, Map<String, String> map, ZoneId zone) throws IOException, CsvImporter.ImportException {
        try {
            return read(export, staging, map, zone);
        } catch (java.io.UncheckedIOException e) {
            throw new CsvImporter.ImportException(export.getFileName() + ": not valid CSV: " + e.getCause().getMessage());
        }
    }

    private static QualtricsReader.Conversion read(Path export, Path staging, Map<String, String> map, ZoneId zone) throws IOException, CsvImporter.ImportException {
        try (CSVParser parser = parser(export)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new CsvImporter.ImportException(export.getFileName() + ": empty");
            }
            List<String> questions = new ArrayList<>();
            records.next().forEach(questions::add);
            if (!records.hasNext()) {
                throw new CsvImporter.ImportException(export.getFileName() + ": the second header row (Response, Open-Ended Response, ...) is missing");
            }
            List<String> labels = new ArrayList<>();
            records.next().forEach(labels::add);
            // the question over each column: a multi-column question's text is over its first column only
            List<String> over = new ArrayList<>();
            String current = "";
            for (String question : questions) {
                current = question.isBlank() ? current : question;
                over.add(current);
            }
            Map<String, String> columns = new LinkedHashMap<>(map);
            columns.putIfAbsent("account", "Custom Data 1");
            columns.putIfAbsent("email", "Email Address");
            columns.put("id", "Respondent ID");
            columns.put("time", "End Date");
            Map<String, Integer> index = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, String> entry : columns.entrySet()) {
                if (entry.getKey().equals("program")) {
                    continue;
                }
                int i = find(entry.getValue(), questions, over, labels);
                if (i < 0) {
                    missing.add(entry.getKey() + "=" + entry.getValue());
                }
                index.put(entry.getKey(), i);
            }
            if (!missing.isEmpty()) {
                throw new CsvImporter.ImportException(export.getFileName() + ": no column for " + String.join(", ", missing)
                        + " (a question's text or its start, / a label for one of its columns, or #N; its questions: "
                        + String.join(" | ", questions.stream().filter(q -> !q.isBlank()).toList()) + ")");
            }
            long responses = 0;
            long answers = 0;
            long unreadable = 0;
            List<String> kinds = map.keySet().stream().filter(KINDS::contains).toList();
            try (CSVPrinter out = CSVFormat.DEFAULT.builder().setHeader("response_id", "account_id", "contact_email", "kind", "program",
                    "responded_at", "score", "comment").build().print(Files.newBufferedWriter(staging.resolve("surveys.csv"), StandardCharsets.UTF_8))) {
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        continue;
                    }
                    responses++;
                    String time = QualtricsReader.value(record, index.get("time"));
                    String respondedAt = time;
                    try {
                        respondedAt = LocalDateTime.parse(time, US_TIME).atZone(zone).toOffsetDateTime().toString();
                    } catch (DateTimeParseException e) {
                        unreadable++;
                    }
                    boolean commented = false;
                    for (String kind : kinds) {
                        String score = QualtricsReader.leadingInteger(QualtricsReader.value(record, index.get(kind)));
                        if (score.isEmpty()) {
                            continue;
                        }
                        out.printRecord(QualtricsReader.value(record, index.get("id")) + (kinds.size() > 1 ? "-" + kind : ""), QualtricsReader.value(record, index.get("account")),
                                QualtricsReader.value(record, index.get("email")), kind, map.getOrDefault("program", "surveymonkey"), respondedAt, score,
                                !commented && index.containsKey("comment") ? QualtricsReader.value(record, index.get("comment")) : "");
                        commented = true;
                        answers++;
                    }
                }
            }
            List<String> notes = new ArrayList<>();
            notes.add("times read in " + zone.getId() + " (SurveyMonkey's export carries no time zone: --source-timezone names the survey's)");
            if (unreadable > 0) {
                notes.add(String.format(Locale.ROOT, "%,d end dates are not MM/dd/yyyy hh:mm:ss AM/PM: passed on as they were", unreadable));
            }
            return new QualtricsReader.Conversion(responses, answers, notes);
        }
    }

    /** The column a survey-map value names: #N, "question / label", or the start of a question's text (its first column). */
    private static int find(String wanted, List<String> questions, List<String> over, List<String> labels) {
        String text = wanted.trim();
        if (text.startsWith("#")) {
            try {
                int n = Integer.parseInt(text.substring(1).trim());
                return n >= 1 && n <= questions.size() ? n - 1 : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        int slash = text.lastIndexOf(" / ");
        String question = (slash < 0 ? text : text.substring(0, slash)).trim().toLowerCase(Locale.ROOT);
        String label = slash < 0 ? null : text.substring(slash + 3).trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < over.size(); i++) {
            boolean questionMatches = over.get(i).trim().toLowerCase(Locale.ROOT).startsWith(question);
            if (!questionMatches) {
                continue;
            }
            if (label == null ? !questions.get(i).isBlank() : i < labels.size() && labels.get(i).trim().equalsIgnoreCase(label)) {
                return i;
            }
        }
        return -1;
    }

    private static CSVParser parser(Path export) throws IOException {
        InputStream in = Files.newInputStream(export);
        if (CsvMapping.startsWithUtf8Mark(export)) {
            in.skipNBytes(3);
        }
        return CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).build()
                .parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }
}
