package dev.pulse.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the physical line on which given records of a CSV file start, for the quarantine. The
 * engine's reader numbers only the records it parsed (its row order); it skips blank lines and
 * counts a quoted line break as part of a record, so its numbering and the file's lines differ.
 * This reads the file's bytes once (RFC 4180: a quoted field may span lines, CRLF counts as one
 * line break, a line with nothing on it is not a record; as the engine's reader, a quote opens a
 * quoted field only at the field's start, and one inside an unquoted value is a character of it) and
 * is only run for a file with quarantined rows.
 */
final class RecordLines {
    private static final int BUFFER = 1 << 20;

    /** Where the wanted records start: lines[i] for the i-th wanted index; 0 where the file ended first. */
    record Lines(long[] wellFormed, long[] rejected) {
    }

    private RecordLines() {
    }

    /**
     * @param wellFormedRows ascending indexes, among the records the reader parsed, of the rows wanted
     * @param rejectPositions ascending byte positions the reader reported for the records it could not
     *                        split into fields; every such record is wanted. DuckDB 2.0 reports one past
     *                        the record's start after an LF, the start itself after a CRLF, and the end of
     *                        the previous line when blank lines come between: the record is the first
     *                        one starting at or after the position less one.
     */
    static Lines find(Path file, char delimiter, long[] wellFormedRows, long[] rejectPositions) throws IOException {
        long[] wellFormedLines = new long[wellFormedRows.length];
        long[] rejectedLines = new long[rejectPositions.length];
        int nextRow = 0;
        int nextReject = 0;
        long wellFormedIndex = 0;
        boolean headerSeen = false;

        long line = 1;
        long position = 0;
        boolean inQuotes = false;
        boolean atFieldStart = true;
        boolean quoteJustClosed = false;
        boolean atRecordStart = true;
        boolean afterCarriageReturn = false;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++, position++) {
                    byte b = buffer[i];
                    if (b == '\n' && afterCarriageReturn) {
                        afterCarriageReturn = false;
                        continue; // the second half of a CRLF: already counted
                    }
                    afterCarriageReturn = b == '\r';
                    if (b == '\n' || b == '\r') {
                        line++;
                        if (!inQuotes) {
                            atRecordStart = true;
                            atFieldStart = true;
                        }
                        quoteJustClosed = false;
                        continue;
                    }
                    if (atRecordStart) {
                        atRecordStart = false;
                        if (!headerSeen) {
                            headerSeen = true;
                        } else if (nextReject < rejectPositions.length && rejectPositions[nextReject] - 1 <= position) {
                            rejectedLines[nextReject++] = line;
                        } else {
                            if (nextRow < wellFormedRows.length && wellFormedRows[nextRow] == wellFormedIndex) {
                                wellFormedLines[nextRow++] = line;
                            }
                            wellFormedIndex++;
                        }
                        if (nextRow == wellFormedRows.length && nextReject == rejectPositions.length) {
                            return new Lines(wellFormedLines, rejectedLines);
                        }
                    }
                    if (b == '"' && inQuotes) {
                        inQuotes = false;
                        quoteJustClosed = true;
                    } else if (b == '"' && (atFieldStart || quoteJustClosed)) {
                        inQuotes = true; // a field's opening quote, or the second of a doubled quote inside a quoted field
                        quoteJustClosed = false;
                    } else {
                        quoteJustClosed = false;
                    }
                    atFieldStart = !inQuotes && b == delimiter;
                }
            }
        }
        return new Lines(wellFormedLines, rejectedLines);
    }
}
