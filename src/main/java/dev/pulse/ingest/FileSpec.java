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
 * @param references   columns that, when given, must name a row of another stored table (a ticket's contact)
 * @param uniqueValues values that at most one row may have within a group (a contact's e-mail within its account)
 */
public record FileSpec(String fileName, String table, List<ColumnSpec> columns, List<String> keyColumns,
                       List<String> sliceColumns, String accountColumn, List<RowRule> rowRules, List<Reference> references,
                       List<UniqueValue> uniqueValues) {
    public FileSpec {
        rowRules = List.copyOf(rowRules);
        requireNonNull(fileName, "fileName is null");
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
        sliceColumns = List.copyOf(sliceColumns);
        references = List.copyOf(references);
        uniqueValues = List.copyOf(uniqueValues);
        if (keyColumns.isEmpty() == sliceColumns.isEmpty()) {
            throw new IllegalArgumentException(fileName + ": exactly one of key and slice columns must be given");
        }
    }

    public FileSpec(String fileName, String table, List<ColumnSpec> columns, List<String> keyColumns, List<String> sliceColumns,
                    String accountColumn, List<RowRule> rowRules) {
        this(fileName, table, columns, keyColumns, sliceColumns, accountColumn, rowRules, List.of(), List.of());
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    /**
     * A column whose value, when given, must be the key of a stored row of another file's table.
     *
     * @param file the other file, named in the message
     */
    public record Reference(String column, String table, String keyColumn, String file) {
        public Reference {
            requireNonNull(column, "column is null");
            requireNonNull(table, "table is null");
            requireNonNull(keyColumn, "keyColumn is null");
            requireNonNull(file, "file is null");
        }
    }

    /**
     * A column whose value, compared lower-cased, two rows of one group may not share: the first row
     * of the file keeps it, a later one is quarantined with {@code reason}; so is a row whose value a
     * stored row of another key (one this file does not replace) already has.
     */
    public record UniqueValue(String groupColumn, String valueColumn, String reason) {
        public UniqueValue {
            requireNonNull(groupColumn, "groupColumn is null");
            requireNonNull(valueColumn, "valueColumn is null");
            requireNonNull(reason, "reason is null");
        }
    }
}
