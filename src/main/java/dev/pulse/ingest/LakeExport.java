package dev.pulse.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code pulse export --parquet DIR}: every stored table as Parquet, a folder per table. The tables of
 * events (tickets, interactions, surveys, qa_reviews, agent_activity, ops_metrics, costs, invitations,
 * cases) are partitioned by the month of their event ({@code pulse_month=YYYY-MM/}, in UTC; {@code none}
 * for a row without one), the others are one file. {@code pulse-lake.json} lists the tables with their
 * columns, types and row counts; pulse_settings (the import's time zone) is exported too. Users, API
 * tokens, the audit log, survey links' token hashes and derived tables are not.
 *
 * Each table is written into a staging folder inside DIR first and then replaces the table's folder,
 * so an export that fails leaves the previous one as it was; folders of DIR that are no table of this
 * database are left alone.
 */
public final class LakeExport {
    public static final String MANIFEST = "pulse-lake.json";
    public static final String PARTITION = "pulse_month";
    /** The event column each partitioned table is partitioned by, and whether it is a date. */
    private static final Map<String, String> EVENTS = Map.of("tickets", "created_at", "interactions", "offered_at", "surveys", "responded_at",
            "qa_reviews", "reviewed_at", "agent_activity", "date", "ops_metrics", "date", "costs", "month", Schema.INVITATIONS, "created_at",
            Schema.CASES, "opened_at");

    /** Derived tables, rebuilt from others: not exported. */
    private static final java.util.Set<String> DERIVED = java.util.Set.of("business_hours");
    /** Columns that are secrets, hashed or not: never exported (a survey link's token hash). */
    private static final java.util.Set<String> SECRET = java.util.Set.of(Schema.INVITATIONS + ".token_hash");

    /** One exported table. */
    public record Table(String name, long rows, String partitionedBy) {
    }

    private final Database database;
    private final Clock clock;

    public LakeExport(Database database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public List<Table> export(Path lake) throws SQLException, IOException {
        Files.createDirectories(lake);
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        for (Map<String, Object> row : database.query(Sql.of("SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name NOT LIKE 'pulse\\_%' ESCAPE '\\' ORDER BY table_name, ordinal_position"))) {
            String table = (String) row.get("table_name");
            if (!DERIVED.contains(table) && !SECRET.contains(table + "." + row.get("column_name"))) {
                tables.computeIfAbsent(table, t -> new ArrayList<>()).add(new String[] {(String) row.get("column_name"), (String) row.get("data_type")});
            }
        }
        // the users, their tokens and the audit log (pulse_users, ...) never leave the database; pulse_settings is kept: it says in which zone timestamps without offset were read
        for (Map<String, Object> row : database.query(Sql.of("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position", Schema.SETTINGS))) {
            tables.computeIfAbsent(Schema.SETTINGS, t -> new ArrayList<>()).add(new String[] {(String) row.get("column_name"), (String) row.get("data_type")});
        }
        Path staging = Files.createTempDirectory(lake, ".export-");
        List<Table> written = new ArrayList<>();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", "pulse-lake");
        manifest.put("version", 1);
        manifest.put("exported_at", clock.instant().toString());
        manifest.put("partition_column", PARTITION);
        ArrayNode list = manifest.putArray("tables");
        try {
            for (Map.Entry<String, List<String[]>> table : tables.entrySet()) {
                String name = table.getKey();
                String event = EVENTS.get(name);
                boolean hasEvent = event != null && table.getValue().stream().anyMatch(c -> c[0].equals(event));
                String select = "SELECT " + String.join(", ", table.getValue().stream().map(c -> database.dialect().identifier(c[0])).toList())
                        + (hasEvent ? ", coalesce(" + database.dialect().month(database.dialect().identifier(event),
                        table.getValue().stream().anyMatch(c -> c[0].equals(event) && c[1].equals("DATE"))) + ", 'none') AS " + PARTITION : "")
                        + " FROM " + database.dialect().identifier(name);
                Path folder = staging.resolve(name);
                Files.createDirectories(folder);
                long rows = database.queryLong(Sql.of("SELECT count(*) FROM " + database.dialect().identifier(name)));
                database.execute(database.dialect().copyToParquet(select, folder, hasEvent ? PARTITION : null));
                written.add(new Table(name, rows, hasEvent ? event : null));
                ObjectNode entry = list.addObject();
                entry.put("table", name);
                entry.put("rows", rows);
                entry.put("partitioned_by", hasEvent ? event : null);
                ArrayNode columns = entry.putArray("columns");
                for (String[] column : table.getValue()) {
                    columns.addObject().put("name", column[0]).put("type", column[1]);
                }
            }
            for (Table table : written) {
                Path target = lake.resolve(table.name());
                Folders.deleteTree(target);
                Files.move(staging.resolve(table.name()), target, StandardCopyOption.ATOMIC_MOVE);
            }
            Path manifestFile = staging.resolve(MANIFEST);
            json.writeValue(manifestFile.toFile(), manifest);
            Files.move(manifestFile, lake.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Folders.deleteTree(staging);
        }
        return written;
    }
}
