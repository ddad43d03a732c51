package dev.pulse.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files that are not UTF-8. Spreadsheets on Windows save CSV as Windows-1252 (Latin-1 plus “ ” € …),
 * so every Spanish comment with an accent would be a broken row. A file whose bytes above 127 never
 * form a UTF-8 sequence is such a file and is read in that encoding; a file with valid UTF-8 sequences
 * and some broken bytes is UTF-8 with damage, and its broken rows go to the quarantine.
 */
final class Encoding {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Encoding() {
    }

    /** True when the file has bytes that are not UTF-8 and no multi-byte UTF-8 sequence at all. */
    static boolean looksSingleByte(Path file) throws IOException {
        long valid = 0;
        long invalid = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            int b = in.read();
            while (b >= 0) {
                if (b < 0x80) {
                    b = in.read();
                    continue;
                }
                int continuation = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
                int next = in.read();
                int read = 0;
                while (continuation > 0 && read < continuation && next >= 0x80 && next <= 0xBF) {
                    read++;
                    next = in.read();
                }
                if (continuation > 0 && read == continuation) {
                    valid++;
                } else {
                    invalid++;
                }
                b = next;
            }
        }
        return invalid > 0 && valid == 0;
    }

    /**
     * True when the file starts with a UTF-16 byte order mark: what a spreadsheet's "Unicode text"
     * export writes (tab-separated, which the importer also reads).
     */
    static boolean isUtf16(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int first = in.read();
            int second = in.read();
            return first == 0xFF && second == 0xFE || first == 0xFE && second == 0xFF;
        }
    }

    /** The file's text, read in {@code encoding}, written as UTF-8 to {@code target} (line structure unchanged). */
    static void toUtf8(Path file, Charset encoding, Path target) throws IOException {
        // Five byte values have no character in Windows-1252 (and a lone UTF-16 surrogate none anywhere): U+FFFD, not an error.
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
             Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            reader.transferTo(writer);
        }
    }
}
