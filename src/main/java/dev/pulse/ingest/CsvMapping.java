package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A mapping file (YAML) that turns any CSV into one file of the data contract, so that it goes through
 * the same validation, quarantine and idempotent re-import as the contract's own CSVs:
 *
 * <pre>
 * file: tickets                 # the contract file it becomes: accounts, contacts, tickets, interactions, surveys, ...
 * encoding: windows-1252        # default UTF-8
 * separator: ";"                # default ","; "\t" for tab
 * timezone: America/Santiago    # for date-times without an offset (default: the reporting zone)
 * columns:                      # contract field: the CSV's column, or the column with a format and value map
 *   ticket_id: Ticket ID
 *   created_at: {column: Created time, format: "dd/MM/yyyy HH:mm"}
 *   priority: {column: Priority, values: {Urgent: P1, High: P2, Medium: P3, Low: P4}}
 * constants:                    # contract fields with one value for every row
 *   channel: email
 * </pre>
 *
 * The whole file is checked before anything is read, and every problem is reported at once with its
 * key. A value a format cannot read is passed on as it was, so that the contract's own check
 * quarantines its row with the reason; each output row is the input row of the same line.
 */
public final class CsvMapping {
    private static final Set<String> KEYS = Set.of("file", "encoding", "separator", "timezone", "columns", "constants");
    private static final Set<String> FIELD_KEYS = Set.of("column", "format", "values", "otherwise");

    /** How one contract field is filled from the CSV. */
    public record Field(String column, String pattern, DateTimeFormatter format, Map<String, String> values, String otherwise) {
        public Field {
            requireNonNull(column, "column is null");
            values = Map.copyOf(values);
        }
    }

    /** The mapping file is invalid; every problem is listed. */
    public static final class MappingException extends Exception {
        public MappingException(String file, List<String> problems) {
            super(file + ":\n  - " + String.join("\n  - ", problems));
        }
    }

    /** How a conversion went: rows written, and the values a format or value map could not read (passed on as they were). */
    public record Conversion(long rows, Map<String, Long> unreadable) {
    }

    private final FileSpec target;
    private final Charset encoding;
    private final char separator;
    private final ZoneId zone;
    private final Map<String, Field> fields;
    private final Map<String, String> constants;

    private CsvMapping(FileSpec target, Charset encoding, char separator, ZoneId zone, Map<String, Field> fields, Map<String, String> constants) {
        this.target = target;
        this.encoding = encoding;
        this.separator = separator;
        this.zone = zone;
        this.fields = fields;
        this.constants = constants;
    }

    public FileSpec target() {
        return target;
    }

    /** The encoding the mapping declares. */
    public Charset encoding() {
        return encoding;
    }

    /** @param defaultZone the reporting zone, for date-times without an offset when the mapping names none */
    public static CsvMapping parse(String name, JsonNode root, ZoneId defaultZone) throws MappingException {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new MappingException(name, List.of("the top level must be a mapping with file: and columns:"));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                problems.add(key + ": unknown setting (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String fileName = root.path("file").asText("").trim().toLowerCase(Locale.ROOT);
        FileSpec target = DataContract.forFile(fileName.endsWith(".csv") ? fileName : fileName + ".csv").orElse(null);
        if (target == null) {
            problems.add("file: '" + fileName + "' is not a file of the data contract (" + String.join(", ", DataContract.FILES.stream()
                    .map(f -> f.fileName().replace(".csv", "")).toList()) + ")");
        }
        Charset encoding = StandardCharsets.UTF_8;
        if (root.has("encoding")) {
            try {
                encoding = Charset.forName(root.get("encoding").asText());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                problems.add("encoding: '" + root.get("encoding").asText() + "' is not an encoding this Java knows (UTF-8, windows-1252, ISO-8859-1, ...)");
            }
        }
        char separator = ',';
        if (root.has("separator")) {
            String text = root.get("separator").asText();
            String sep = text.equals("\\t") || text.equalsIgnoreCase("tab") ? "\t" : text;
            if (sep.length() != 1 || sep.equals("\"") || sep.equals("\n") || sep.equals("\r")) {
                problems.add("separator: must be one character (\",\", \";\", \"|\", or \"\\t\" for tab), not '" + text + "'");
            } else {
                separator = sep.charAt(0);
            }
        }
        ZoneId zone = defaultZone;
        if (root.has("timezone")) {
            try {
                zone = ZoneId.of(root.get("timezone").asText());
            } catch (DateTimeException e) {
                problems.add("timezone: '" + root.get("timezone").asText() + "' is not a time zone (e.g. America/Santiago, UTC)");
            }
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        JsonNode columns = root.get("columns");
        if (columns == null || !columns.isObject() || columns.isEmpty()) {
            problems.add("columns: needs at least one contract field and the CSV column it comes from");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String field = entry.getKey();
                String key = "columns." + field;
                ColumnSpec spec = target == null ? null : target.column(field).orElse(null);
                if (target != null && spec == null) {
                    problems.add(key + ": " + target.fileName() + " has no field '" + field + "' (it has " + String.join(", ", target.columnNames()) + ")");
                    continue;
                }
                Field parsed = field(key, entry.getValue(), spec, problems);
                if (parsed != null) {
                    fields.put(spec == null ? field : spec.name(), parsed);
                }
            }
        }
        Map<String, String> constants = new LinkedHashMap<>();
        JsonNode constantNode = root.get("constants");
        if (constantNode != null) {
            if (!constantNode.isObject()) {
                problems.add("constants: must be a mapping of contract fields to values");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = constantNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    ColumnSpec spec = target == null ? null : target.column(entry.getKey()).orElse(null);
                    if (target != null && spec == null) {
                        problems.add("constants." + entry.getKey() + ": " + target.fileName() + " has no field '" + entry.getKey() + "'");
                    } else if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                        problems.add("constants." + entry.getKey() + ": must be one value");
                    } else if (fields.containsKey(spec == null ? entry.getKey() : spec.name())) {
                        problems.add("constants." + entry.getKey() + ": is also mapped from a column; keep one of the two");
                    } else {
                        constants.put(spec == null ? entry.getKey() : spec.name(), entry.getValue().asText());
                    }
                }
            }
        }
        if (target != null) {
            for (ColumnSpec column : target.columns()) {
                if (column.required() && !fields.containsKey(column.name()) && !constants.containsKey(column.name())) {
                    problems.add("columns: " + target.fileName() + " needs '" + column.name() + "' (map it from a column, or give it in constants)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingException(name, problems);
        }
        return new CsvMapping(target, encoding, separator, zone, fields, constants);
    }

    private static Field field(String key, JsonNode node, ColumnSpec spec, List<String> problems) {
        if (node.isTextual()) {
            return node.asText().isBlank() ? missingColumn(key, problems) : new Field(node.asText(), null, null, Map.of(), null);
        }
        if (!node.isObject()) {
            problems.add(key + ": must be the CSV column's name, or {column: ..., format: ..., values: {...}}");
            return null;
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!FIELD_KEYS.contains(k)) {
                problems.add(key + "." + k + ": unknown setting (known: column, format, values, otherwise)");
            }
        }
        String column = node.path("column").asText("");
        if (column.isBlank()) {
            return missingColumn(key, problems);
        }
        String pattern = node.has("format") ? node.get("format").asText() : null;
        DateTimeFormatter format = null;
        if (pattern != null) {
            if (spec != null && spec.type() != ColumnType.TIMESTAMP && spec.type() != ColumnType.DATE) {
                problems.add(key + ".format: only a date or date-time field takes a format; '" + spec.name() + "' is " + spec.type().name().toLowerCase(Locale.ROOT));
            } else {
                try {
                    format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    problems.add(key + ".format: '" + pattern + "' is not a date-time pattern (e.g. dd/MM/yyyy HH:mm, yyyy-MM-dd'T'HH:mm:ssXXX): "
                            + e.getMessage());
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode map = node.get("values");
        if (map != null) {
            if (!map.isObject() || map.isEmpty()) {
                problems.add(key + ".values: must map the CSV's values to the contract's, e.g. {Urgent: P1}");
            } else {
                map.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
            }
        }
        String otherwise = node.has("otherwise") ? node.get("otherwise").asText() : null;
        if (otherwise != null && values.isEmpty()) {
            problems.add(key + ".otherwise: only with values (what a value not in them becomes)");
        }
        return new Field(column, pattern, format, values, otherwise);
    }

    private static Field missingColumn(String key, List<String> problems) {
        problems.add(key + ": needs the name of the CSV column it comes from");
        return null;
    }

    /** The CSV's header, read with the mapping's encoding and separator. */
    public List<String> header(Path csv) throws IOException {
        try (CSVParser parser = parser(csv)) {
            return List.copyOf(parser.getHeaderNames());
        }
    }

    /** The mapped columns the CSV's header lacks (compared trimmed and case-insensitively), as problems; empty when all are there. */
    public List<String> checkHeader(String csvName, List<String> header) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Field> entry : fields.entrySet()) {
            if (find(header, entry.getValue().column()) < 0) {
                problems.add("columns." + entry.getKey() + ": " + csvName + " has no column '" + entry.getValue().column() + "' (it has "
                        + String.join(", ", header) + ")");
            }
        }
        return problems;
    }

    private static int find(List<String> header, String column) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase(column.strip())) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the file starts with the UTF-8 byte-order mark: then it is UTF-8, whatever the mapping says. */
    public static boolean startsWithUtf8Mark(Path csv) throws IOException {
        try (var in = Files.newInputStream(csv)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        }
    }

    /** The encoding the file is read in: the mapping's, unless a UTF-8 byte-order mark says otherwise. */
    public Charset encodingOf(Path csv) throws IOException {
        return startsWithUtf8Mark(csv) ? StandardCharsets.UTF_8 : encoding;
    }

    private CSVParser parser(Path csv) throws IOException {
        boolean mark = startsWithUtf8Mark(csv);
        var decoder = (mark ? StandardCharsets.UTF_8 : encoding).newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        var in = Files.newInputStream(csv);
        if (mark) {
            in.skipNBytes(3); // the byte-order mark is not part of the first column's name
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder));
        return CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(false)
                .setAllowMissingColumnNames(true).setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                .build().parse(reader);
    }

    /**
     * Writes the contract file ({@link FileSpec#fileName()}) into {@code folder}: the header of the mapped and
     * constant fields, then one line per record of the CSV (blank lines kept, so that line numbers stay the CSV's).
     */
    public Conversion convert(Path csv, Path folder) throws IOException {
        List<String> header = header(csv);
        List<String> names = new ArrayList<>(fields.keySet());
        names.addAll(constants.keySet());
        int[] index = new int[fields.size()];
        int k = 0;
        for (Field field : fields.values()) {
            index[k++] = find(header, field.column());
        }
        Map<String, Long> unreadable = new LinkedHashMap<>();
        long rows = 0;
        try (CSVParser parser = parser(csv); BufferedWriter out = Files.newBufferedWriter(folder.resolve(target.fileName()), StandardCharsets.UTF_8);
             CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(names.toArray(String[]::new)).build().print(out)) {
            List<String> values = new ArrayList<>(names.size());
            for (CSVRecord record : parser) {
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    printer.println(); // a blank line stays one, and every later line keeps its number
                    continue;
                }
                rows++;
                values.clear();
                int i = 0;
                for (Map.Entry<String, Field> entry : fields.entrySet()) {
                    int column = index[i++];
                    String raw = column >= 0 && column < record.size() ? record.get(column) : "";
                    values.add(map(entry.getKey(), entry.getValue(), raw, unreadable));
                }
                values.addAll(constants.values());
                printer.printRecord(values);
            }
        }
        return new Conversion(rows, unreadable);
    }

    private String map(String name, Field field, String raw, Map<String, Long> unreadable) {
        String value = raw.strip();
        if (!field.values().isEmpty()) {
            String mapped = field.values().get(value);
            if (mapped == null) {
                for (Map.Entry<String, String> entry : field.values().entrySet()) {
                    if (entry.getKey().strip().equalsIgnoreCase(value)) {
                        mapped = entry.getValue();
                        break;
                    }
                }
            }
            if (mapped != null) {
                return mapped;
            }
            if (field.otherwise() != null && !value.isEmpty()) {
                return field.otherwise();
            }
            return value;
        }
        ColumnSpec spec = target.column(name).orElseThrow();
        if (value.isEmpty() || (spec.type() != ColumnType.TIMESTAMP && spec.type() != ColumnType.DATE)) {
            return value;
        }
        try {
            if (field.format() != null) {
                TemporalAccessor parsed = field.format().parse(value);
                if (spec.type() == ColumnType.DATE) {
                    return LocalDate.from(parsed).toString();
                }
                if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                    return OffsetDateTime.from(parsed).toString();
                }
                if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                    return LocalDateTime.from(parsed).atZone(zone).toOffsetDateTime().toString();
                }
                return LocalDate.from(parsed).atStartOfDay(zone).toOffsetDateTime().toString();
            }
            if (spec.type() == ColumnType.TIMESTAMP) {
                try {
                    // a date-time without an offset is read in the mapping's zone
                    return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toOffsetDateTime().toString();
                } catch (DateTimeParseException withOffsetOrNot) {
                    return value; // one with an offset, or no date-time at all: the contract's reader says which
                }
            }
        } catch (DateTimeException e) {
            unreadable.merge(name, 1L, Long::sum);
        }
        return value;
    }
}
