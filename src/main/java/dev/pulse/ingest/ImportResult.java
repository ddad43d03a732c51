package dev.pulse.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of importing a data folder.
 *
 * @param commonReasons per file, its most common quarantine reasons (values quoted in them folded to '…'), most common first
 */
public record ImportResult(List<FileReport> files, List<String> unknownFiles, Path quarantineCsv, double seconds,
                           Map<String, List<ReasonCount>> commonReasons) {
    /** The same result, its quarantine CSV copied to {@code csv}. */
    public ImportResult quarantinedIn(Path csv) {
        return new ImportResult(files, unknownFiles, csv, seconds, commonReasons);
    }

    public ImportResult {
        files = List.copyOf(files);
        unknownFiles = List.copyOf(unknownFiles);
        requireNonNull(quarantineCsv, "quarantineCsv is null");
        commonReasons = Map.copyOf(commonReasons);
    }

    /** A reason rows were quarantined for, and how many. */
    public record ReasonCount(String reason, long rows) {
    }

    /**
     * The files that loaded nothing although they were there: every row quarantined, unreadable, or (for
     * accounts.csv, which every other file refers to) empty. A file of other events with a header alone
     * is not among them: a period may have none.
     */
    public List<FileReport> filesWithNothingLoaded() {
        return files.stream().filter(file -> file.loaded() == 0 && (file.read() > 0 || !file.problems().isEmpty()
                || file.file().equals(DataContract.ACCOUNTS.fileName()))).toList();
    }

    public long quarantined() {
        return files.stream().mapToLong(FileReport::quarantined).sum();
    }

    public long loaded() {
        return files.stream().mapToLong(FileReport::loaded).sum();
    }
}
