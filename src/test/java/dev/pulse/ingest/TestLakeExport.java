package dev.pulse.ingest;

import dev.pulse.access.PasswordHasher;
import dev.pulse.access.Role;
import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17: pulse export --parquet writes every stored table, read back row for row, and nothing secret. */
class TestLakeExport {
    @Test
    void everyTableReadsBackRowForRowPartitionedByMonthAndNoSecretLeaves(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("data"));
        folder.file("accounts.csv", "account_id,type,segment", "A1,customer,SMB", "A2,customer,Enterprise");
        folder.file("tickets.csv", "ticket_id,account_id,created_at,priority,resolved_at",
                "T1,A1,2024-09-30T23:30:00-03:00,P1,2024-10-01T05:00:00Z", "T2,A2,2024-10-15T12:00:00Z,P2,", "T3,A1,2024-11-01T00:00:00Z,P3,");
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score,comment",
                "R1,A1,nps,2024-10-02T10:00:00Z,9,\"Great, \"\"really\"\"\"", "R2,A2,nps,2024-10-03T10:00:00Z,3,");
        folder.file("costs.csv", "month,amount,currency", "2024-10-01,1000.5,USD");
        Path lake = temp.resolve("lake");
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            UserStore users = new UserStore(database, new PasswordHasher(), TestingClock.CLOCK);
            users.add("test", "ana@example.com", Role.ANALYST, null, "a long enough password");
            users.createToken("test", "ana@example.com", "test");
            Schema.createProgramTables(database);

            List<LakeExport.Table> tables = new LakeExport(database, TestingClock.CLOCK).export(lake);
            assertThat(tables).extracting(LakeExport.Table::name).contains("accounts", "tickets", "surveys", "costs", "quarantine", "pulse_settings")
                    .noneMatch(name -> name.startsWith("pulse_") && !name.equals("pulse_settings"));
            // T1 is 2024-10-01T02:30Z: its month in UTC is October
            assertThat(Files.list(lake.resolve("tickets")).map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("pulse_month=2024-10", "pulse_month=2024-11");
            assertThat(lake.resolve("accounts/data.parquet")).exists();
            for (LakeExport.Table table : tables) {
                String stored = "SELECT * FROM " + database.dialect().identifier(table.name());
                Path files = lake.resolve(table.name());
                if (table.rows() == 0) {
                    try (Stream<Path> walk = Files.walk(files)) {
                        assertThat(walk.filter(Files::isRegularFile).count()).as(table.name()).isLessThanOrEqualTo(1);
                    }
                    continue;
                }
                String exported = "SELECT * EXCLUDE (pulse_month) FROM read_parquet('" + files + "/**/*.parquet', hive_partitioning = true)";
                if (table.partitionedBy() == null) {
                    exported = "SELECT * FROM read_parquet('" + files + "/data.parquet')";
                }
                if (table.name().equals(Schema.INVITATIONS)) {
                    stored = "SELECT * EXCLUDE (token_hash) FROM " + table.name();
                }
                assertThat(database.queryLong(Sql.of("SELECT count(*) FROM (" + exported + ")"))).as(table.name()).isEqualTo(table.rows());
                assertThat(database.queryLong(Sql.of("SELECT count(*) FROM ((" + stored + ") EXCEPT ALL (" + exported + "))"))).as(table.name())
                        .isZero();
            }
            String manifest = Files.readString(lake.resolve(LakeExport.MANIFEST));
            assertThat(manifest).contains("\"format\" : \"pulse-lake\"").contains("\"table\" : \"tickets\"").contains("\"partitioned_by\" : \"created_at\"")
                    .doesNotContain("pulse_users").doesNotContain("pulse_tokens").doesNotContain("token_hash").doesNotContain("password");
            try (Stream<Path> walk = Files.walk(lake)) {
                assertThat(walk.map(Path::toString).toList()).noneMatch(p -> p.contains("pulse_users") || p.contains("pulse_tokens")
                        || p.contains("pulse_audit") || p.contains(".export-"));
            }

            // exported again after T3 moved to December: November's folder is gone, a folder that is no table is left alone
            Files.createDirectories(lake.resolve("my-notes"));
            database.execute("UPDATE tickets SET created_at = TIMESTAMPTZ '2024-12-05 00:00:00+00' WHERE ticket_id = 'T3'");
            new LakeExport(database, TestingClock.CLOCK).export(lake);
            assertThat(Files.list(lake.resolve("tickets")).map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("pulse_month=2024-10", "pulse_month=2024-12");
            assertThat(lake.resolve("my-notes")).isDirectory();
            List<Map<String, Object>> comment = database.query(Sql.of("SELECT comment FROM read_parquet('" + lake + "/surveys/**/*.parquet')"
                    + " WHERE response_id = 'R1'"));
            assertThat(comment.get(0).get("comment")).isEqualTo("Great, \"really\"");
        }
    }
}
