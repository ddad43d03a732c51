package dev.pulse.ingest;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One file of the data folder and the table it loads into.
 *
 * @param keyColumns   the columns that identify a row: a row whose key exists is replaced by the newer
 *                     version; two rows with the same key in one file are a duplicate (the later one is quarantined)
 * @param sliceColumns for files without a natural key (costs): re-importing replaces every stored row whose
 *                     slice value (e.g. month) appears in the file; empty when the file has a key
 * @param accountColumn the column that must name an existing account, or null
 * @param rowRules     checks across columns of one row (a response's score within its kind's range, ...)
 */
public record FileSpec(String fileName, String table, List<ColumnSpec> columns, List<String> keyColumns,
                       List<String> sliceColumns, String accountColumn, List<RowRule> rowRules) {
    public FileSpec {
        rowRules = List.copyOf(rowRules);
        requireNonNull(fileName, "fileName is null");
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
        sliceColumns = List.copyOf(sliceColumns);
        if (keyColumns.isEmpty() == sliceColumns.isEmpty()) {
            throw new IllegalArgumentException(fileName + ": exactly one of key and slice columns must be given");
        }
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }
}
