package dev.pulse.ingest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The header record of a CSV file and the file's field separator. The data rows are parsed by the
 * engine's CSV reader; only the header is read here (Commons CSV, RFC 4180), to map the file's column
 * names (case-insensitive, any order) onto the contract.
 *
 * @param delimiter ',' as the contract says; ';', tab or '|' for a file whose header is one field with
 *                  that character in it and several fields without (spreadsheets where the decimal mark
 *                  is a comma, as in Chile, save CSV with ';')
 */
public record CsvHeader(List<String> names, char delimiter) {
    private static final List<Character> OTHER_DELIMITERS = List.of(';', '\t', '|');

    public CsvHeader {
        names = List.copyOf(names);
    }

    /**
     * Reads the first record of the file, or empty when the file has no content at all. Bytes that
     * are not UTF-8 are read as U+FFFD: a broken data row further on is the engine reader's to
     * quarantine, and must not stop the header from being read.
     */
    public static Optional<CsvHeader> read(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            reader.mark(1 << 16);
            List<String> names = firstRecord(reader, ',');
            if (names == null) {
                return Optional.empty();
            }
            if (names.size() == 1) {
                for (char other : OTHER_DELIMITERS) {
                    if (names.get(0).indexOf(other) >= 0) {
                        reader.reset();
                        List<String> split = firstRecord(reader, other);
                        if (split != null && split.size() > 1) {
                            return Optional.of(new CsvHeader(split, other));
                        }
                    }
                }
            }
            return Optional.of(new CsvHeader(names, ','));
        }
    }

    private static List<String> firstRecord(Reader reader, char delimiter) throws IOException {
        // Not closed: closing the parser would close the reader, which may be read again from its mark.
        CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(reader);
        Iterator<CSVRecord> records = parser.iterator();
        return records.hasNext() ? records.next().toList() : null;
    }

    /** Position of a column by name, compared trimmed and case-insensitively; the first match wins. */
    public int indexOf(String column) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).trim().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }
}
