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
 * The header record of a CSV file. The data rows are parsed by the engine's CSV reader; only the
 * header is read here (Commons CSV, RFC 4180), to map the file's column names (case-insensitive, any
 * order) onto the contract.
 */
public record CsvHeader(List<String> names) {
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
            try (CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
                Iterator<CSVRecord> records = parser.iterator();
                return records.hasNext() ? Optional.of(new CsvHeader(records.next().toList())) : Optional.empty();
            }
        }
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
