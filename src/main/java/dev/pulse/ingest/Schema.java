package dev.pulse.ingest;

import dev.pulse.engine.Database;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The stored tables: one per contract file, the quarantine, and the first spelling of each category value. */
public final class Schema {
    public static final String QUARANTINE = "quarantine";
    public static final String SPELLINGS = "spellings";

    private Schema() {
    }

    public static void create(Database database) throws SQLException {
        for (FileSpec file : DataContract.FILES) {
            List<String> columns = new ArrayList<>();
            for (ColumnSpec column : file.columns()) {
                columns.add(database.dialect().identifier(column.name()) + " " + column.type().sqlType());
            }
            database.execute("CREATE TABLE IF NOT EXISTS " + file.table() + " (" + String.join(", ", columns) + ")");
        }
        database.execute("CREATE TABLE IF NOT EXISTS " + QUARANTINE
                + " (file VARCHAR, line BIGINT, reason VARCHAR, raw VARCHAR)");
        // A category value's display spelling is the first one seen; later spellings map onto it (case-insensitive).
        database.execute("CREATE TABLE IF NOT EXISTS " + SPELLINGS + " (dimension VARCHAR, key VARCHAR, display VARCHAR)");
    }
}
