package dev.pulse.ingest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What happened to one file of an import. Every row read is either loaded or quarantined:
 * {@code read == loaded + quarantined}.
 *
 * @param ignoredColumns header names that are not part of the contract
 * @param problems       file-level messages (a missing required column, an unreadable file)
 * @param notes          things worth a look in rows that were loaded (timestamps decades away from the others)
 * @param seconds        how long the file took: read, checked, stored, quarantine written
 */
public record FileReport(String file, long read, long loaded, long quarantined, List<String> ignoredColumns,
                         List<String> problems, List<String> notes, double seconds) {
    public FileReport {
        requireNonNull(file, "file is null");
        ignoredColumns = List.copyOf(ignoredColumns);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        if (read != loaded + quarantined) {
            throw new IllegalStateException(file + ": read " + read + " != loaded " + loaded + " + quarantined " + quarantined);
        }
    }

    FileReport timed(double seconds) {
        return new FileReport(file, read, loaded, quarantined, ignoredColumns, problems, notes, seconds);
    }

    /** The same report with {@code note} first among its notes. */
    FileReport withFirstNote(String note) {
        List<String> all = new java.util.ArrayList<>(List.of(note));
        all.addAll(notes);
        return new FileReport(file, read, loaded, quarantined, ignoredColumns, problems, all, seconds);
    }
}
