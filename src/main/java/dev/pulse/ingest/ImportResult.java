package dev.pulse.ingest;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The outcome of importing a data folder. */
public record ImportResult(List<FileReport> files, List<String> unknownFiles, Path quarantineCsv, double seconds) {
    public ImportResult {
        files = List.copyOf(files);
        unknownFiles = List.copyOf(unknownFiles);
        requireNonNull(quarantineCsv, "quarantineCsv is null");
    }

    public long quarantined() {
        return files.stream().mapToLong(FileReport::quarantined).sum();
    }

    public long loaded() {
        return files.stream().mapToLong(FileReport::loaded).sum();
    }
}
