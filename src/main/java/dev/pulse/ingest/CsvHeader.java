package dev.pulse.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header record of a CSV file. The data rows are parsed by the engine's CSV reader; only the
 * header is read here, to map the file's column names (case-insensitive, any order) onto the contract.
 */
public record CsvHeader(List<String> names) {
    public CsvHeader {
        names = List.copyOf(names);
    }

    /** Reads the first record of the file, or empty when the file has no content at all. */
    public static Optional<CsvHeader> read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int c = reader.read();
            if (c == '\uFEFF') {
                c = reader.read();
            }
            for (; c != -1; c = reader.read()) {
                any = true;
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        reader.mark(1);
                        int next = reader.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                reader.reset();
                            }
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    break;
                } else {
                    field.append(ch);
                }
            }
            if (!any) {
                return Optional.empty();
            }
            fields.add(field.toString());
            return Optional.of(new CsvHeader(fields));
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
