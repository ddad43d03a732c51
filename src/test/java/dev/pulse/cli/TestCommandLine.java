package dev.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestCommandLine {
    record Run(int exit, String out, String err) { }

    private static Run run(String... args) {
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            CommandLine commandLine = PulseCommand.commandLine(TestingClock.CLOCK);
            commandLine.setErr(new PrintWriter(err, true));
            int exit = commandLine.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8) + err);
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }

    @Test
    void importsPrintsJsonCountsAndComputesMetricsAsJson(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,segment", "A1,customer,Enterprise", "A2,customer,SMB");
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score",
                "R1,A1,nps,2024-11-03T10:00:00Z,10", "R2,A2,nps,2024-11-03T10:00:00Z,3", "R3,A2,nps,2024-11-03T10:00:00Z,12");
        String db = folder.databaseFile().toString();

        Run imported = run("import", folder.data().toString(), "--db", db, "--json");
        assertThat(imported.exit()).as(imported.err()).isZero();
        JsonNode files = new ObjectMapper().readTree(imported.out()).get("files");
        assertThat(files.toString()).contains("{\"file\":\"surveys.csv\",\"read\":3,\"loaded\":2,\"quarantined\":1,\"common_reasons\":[{\"reason\":"
                + "\"score: 12 is outside the range of a nps answer (nps 0-10, csat 1-5, ces 1-7)\",\"rows\":1}]}");

        Run metrics = run("metrics", "--db", db, "--metric", "customer_nps", "--by", "quarter,segment", "--period", "2024-Q4",
                "--format", "json");
        assertThat(metrics.exit()).as(metrics.err()).isZero();
        JsonNode values = new ObjectMapper().readTree(metrics.out());
        assertThat(values).hasSize(2);
        JsonNode enterprise = values.get(0);
        assertThat(enterprise.get("metric").asText()).isEqualTo("customer_nps");
        assertThat(enterprise.get("group").toString()).isEqualTo("{\"quarter\":\"2024-Q4\",\"segment\":\"Enterprise\"}");
        assertThat(enterprise.get("value").asDouble()).isEqualTo(100.0);
        assertThat(enterprise.get("n").asLong()).isEqualTo(1);
        assertThat(enterprise.has("ci_low")).isTrue();
        assertThat(enterprise.get("low_sample").asBoolean()).isTrue();

        Run table = run("metrics", "--db", db, "--metric", "nps", "--format", "table");
        assertThat(table.out()).contains("nps").contains("+0.0 points").contains("sample").contains("low (n < 30)");
        Run csv = run("metrics", "--db", db, "--metric", "nps", "--by", "segment", "--format", "csv");
        assertThat(csv.out()).startsWith("metric,segment,value,n,ci_low,ci_high,low_sample,share");

        // 'all' by an account attribute: every metric that can be grouped so, the others left out (not an error)
        Run all = run("metrics", "--db", db, "--metric", "all", "--by", "quarter,segment", "--format", "json");
        assertThat(all.exit()).as(all.err()).isZero();
        JsonNode allValues = new ObjectMapper().readTree(all.out());
        assertThat(allValues.findValuesAsText("metric")).contains("customer_nps", "csat", "retention_rate")
                .doesNotContain("offered", "aht", "utilization");
        Run filtered = run("metrics", "--db", db, "--metric", "customer_nps", "--filter", "segment:smb", "--format", "json");
        assertThat(filtered.exit()).as(filtered.err()).isZero();
        assertThat(new ObjectMapper().readTree(filtered.out()).get(0).get("n").asLong()).isEqualTo(1); // R2 of A2; R3 was quarantined
        Run badFilter = run("metrics", "--db", db, "--metric", "nps", "--filter", "segment");
        assertThat(badFilter.exit()).isEqualTo(2);
        assertThat(badFilter.err()).contains("is not DIMENSION:VALUE");
        Run named = run("metrics", "--db", db, "--metric", "aht", "--by", "segment");
        assertThat(named.exit()).isEqualTo(2);
        assertThat(named.err()).contains("cannot be grouped by segment");
    }

    @Test
    void vocPrintsThemesSearchesAndListsEveryCommentAsJson(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,segment", "A1,customer,Enterprise", "P1,partner,");
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score,comment",
                "R1,A1,nps,2024-11-03T10:00:00Z,10,\"Great support, the agent Maria solved it fast\"",
                "R2,A1,nps,2024-11-04T10:00:00Z,2,El portal es muy lento y la factura vino mal",
                "R3,P1,nps,2024-11-05T10:00:00Z,9,\"Los márgenes son justos, buen portal\"",
                "R4,P1,nps,2024-11-05T10:00:00Z,7,");
        String db = folder.databaseFile().toString();
        Run imported = run("import", folder.data().toString(), "--db", db, "--json");
        assertThat(new ObjectMapper().readTree(imported.out()).get("comments").get("analysed").asLong()).isEqualTo(3);

        Run comments = run("voc", "--db", db, "--comments", "--format", "json");
        assertThat(comments.exit()).as(comments.err()).isZero();
        JsonNode all = new ObjectMapper().readTree(comments.out());
        assertThat(all).hasSize(3);
        JsonNode second = all.get(1);
        assertThat(second.get("response_id").asText()).isEqualTo("R2");
        assertThat(second.get("language").asText()).isEqualTo("es");
        assertThat(second.get("sentiment").asDouble()).isNegative();
        assertThat(second.get("label").asText()).isEqualTo("negative");
        assertThat(second.get("themes").toString()).isEqualTo("[\"billing\",\"portal_ux\"]");

        Run search = run("voc", "--db", db, "--search", "portal lento");
        assertThat(search.out()).contains("1 comments match").contains("R2").doesNotContain("R3");
        Run searchJson = run("voc", "--db", db, "--search", "portales", "--format", "json");
        assertThat(new ObjectMapper().readTree(searchJson.out())).hasSize(2);

        Run overview = run("voc", "--db", db, "--quarter", "2024-Q4", "--format", "json");
        assertThat(overview.exit()).as(overview.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(overview.out());
        assertThat(summary.get("period").asText()).isEqualTo("2024-Q4");
        assertThat(summary.get("themes").toString()).contains("\"theme\":\"portal_ux\"").contains("\"type\":\"partner\"");
        Run table = run("voc", "--db", db, "--quarter", "2024-Q4", "--by", "segment");
        assertThat(table.out()).contains("Themes (segment = Enterprise)").doesNotContain("Maria");

        Run bad = run("voc", "--db", db, "--by", "colour");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("cannot group comments by 'colour'");
        Run themes = run("metrics", "--db", db, "--metric", "theme_mentions", "--by", "theme,type", "--format", "csv");
        assertThat(themes.out()).contains("theme_mentions,portal_ux,partner,1");
    }

    @Test
    void userErrorsAreOneLineWithoutStackTrace(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type", "A1,customer");
        run("import", folder.data().toString(), "--db", folder.databaseFile().toString());
        Run unknown = run("metrics", "--db", folder.databaseFile().toString(), "--metric", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("pulse: unknown metric 'nope'; valid metrics: nps, customer_nps").doesNotContain("\n");
        Run missing = run("metrics", "--db", temp.resolve("none.duckdb").toString(), "--metric", "nps");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
        Run help = run("metrics", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--metric").contains("--by");
    }

    /** Issue 12: every option is checked before any work, in one line that says what is allowed; no stack trace, no SQL. */
    @Test
    void badOptionsAreOneLineBeforeAnyWork(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type", "A1,customer");
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score,comment", "R1,A1,nps,2024-11-03T10:00:00Z,9,portal ok");
        String db = folder.databaseFile().toString();
        assertThat(run("import", folder.data().toString(), "--db", db).exit()).isZero();
        java.nio.file.Path file = java.nio.file.Files.writeString(temp.resolve("a-file"), "x");
        String[][] cases = {
                {"--tickets must be a whole number of at least 1", "benchmark", "--tickets", "0", "--dir", temp.resolve("b").toString()},
                {"--tickets must be a whole number of at least 1", "benchmark", "--tickets", "-5", "--dir", temp.resolve("b").toString()},
                {"--limit must be a whole number of at least 1", "voc", "--db", db, "--search", "portal", "--limit", "-1"},
                {"--verbatims must be a whole number of at least 0", "voc", "--db", db, "--verbatims", "-2"},
                {"--bad-rows must be a whole number of at least 0", "generate", temp.resolve("g").toString(), "--bad-rows", "-3"},
                {"is a file; --out takes a folder", "report", "--db", db, "--out", file.toString()},
                {"the folder cannot be created there", "report", "--db", db, "--out", "/proc/x"},
                {"is a folder; --db takes a database file", "metrics", "--db", temp.toString(), "--metric", "nps"},
                {"--db postgresql://127.0.0.1:1/db: cannot use the PostgreSQL database: Connection to 127.0.0.1:1 refused", "import",
                        folder.data().toString(), "--db", "postgresql://127.0.0.1:1/db"},
                {"--db jdbc:postgresql://127.0.0.1:1/db: cannot use the PostgreSQL database", "import", file.toString(), "--from", "freshdesk",
                        "--db", "jdbc:postgresql://127.0.0.1:1/db"},
                {"'mysql' is not an engine Pulse knows", "import", file.toString(), "--from", "freshdesk", "--db", "mysql://h/db"},
                {"cannot use the PostgreSQL database", "metrics", "--db", "postgres://pulse@127.0.0.1:1/cx", "--metric", "nps"},
                {"--db postgresql://pulse@127.0.0.1:1/cx: cannot use the PostgreSQL database", "serve", "--db", "postgresql://pulse@127.0.0.1:1/cx"},
                {"2030-Q1 holds no data: the data runs from 2024-11-03 to 2024-11-03", "report", "--db", db, "--quarter", "2030-Q1",
                        "--out", temp.resolve("r").toString()},
                {"Invalid value for option '--limit'", "voc", "--db", db, "--limit", "many"},
                {"Missing required option", "metrics", "--db", db}};
        for (String[] c : cases) {
            Run bad = run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertThat(bad.exit()).as(String.join(" ", c)).isEqualTo(2);
            assertThat(bad.err().strip()).as(String.join(" ", c)).contains(c[0]).doesNotContain("\n").doesNotContain("\tat ")
                    .doesNotContain("SELECT").doesNotContain("Exception");
        }
        assertThat(temp.resolve("g")).doesNotExist();
        assertThat(temp.resolve("b")).doesNotExist();
        for (String folderOfAUrl : new String[] {"postgresql:", "jdbc:postgresql:", "mysql:", "postgres:"}) {
            assertThat(Path.of(folderOfAUrl)).as("a server's address is never a local folder").doesNotExist();
        }
    }

    /** Issue 12: a failed import creates nothing, and a database without Pulse's tables is said to be so. */
    @Test
    void aFailedImportLeavesNoDatabaseAndAForeignDatabaseIsNamed(@TempDir Path temp) throws Exception {
        Path db = temp.resolve("x.duckdb");
        Run failed = run("import", temp.resolve("nonexistent").toString(), "--db", db.toString());
        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.err()).contains("does not exist");
        assertThat(db).doesNotExist();
        try (var database = dev.pulse.engine.Database.openDuckDb(db, "1GB")) {
            database.execute("CREATE TABLE other (x INTEGER)");
        }
        for (String command : new String[]{"metrics", "report", "voc"}) {
            Run foreign = run(command, "--db", db.toString(), "--metric", "nps");
            Run asked = command.equals("metrics") ? foreign : run(command, "--db", db.toString());
            assertThat(asked.exit()).as(command).isEqualTo(2);
            assertThat(asked.err().strip()).as(command).contains("is not a Pulse database").doesNotContain("Catalog Error").doesNotContain("\n");
        }
    }

    /**
     * Issue 17: the schema's version (Pulse's numbered migrations) is recorded by an import on either
     * engine, once; a database a newer Pulse wrote is refused in one line by reading and importing commands.
     */
    @Test
    void theSchemaVersionIsRecordedOnBothEnginesAndANewerOneIsRefused(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("data"));
        folder.file("accounts.csv", "account_id,type", "A1,customer");
        Path db = temp.resolve("x.duckdb");
        assertThat(run("import", folder.data().toString(), "--db", db.toString()).exit()).isZero();
        assertThat(run("import", folder.data().toString(), "--db", db.toString()).exit()).isZero();
        String url = dev.pulse.testing.TestingPostgres.get().newDatabase();
        try {
            assertThat(run("import", folder.data().toString(), "--db", url).exit()).isZero();
            for (String where : new String[]{db.toString(), url}) {
                try (var database = where.startsWith("postgresql") ? dev.pulse.engine.Database.openPostgres(where)
                        : dev.pulse.engine.Database.openDuckDb(Path.of(where), "1GB")) {
                    assertThat(database.query(dev.pulse.engine.Sql.of("SELECT version FROM pulse_schema ORDER BY version")).stream()
                            .map(r -> ((Number) r.get("version")).intValue()).toList()).as(where + ": each step once")
                            .isEqualTo(java.util.stream.IntStream.rangeClosed(1, dev.pulse.ingest.Migrations.latest()).boxed().toList());
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(Path.of(url.replaceFirst("^.*/", "") + ".quarantine.csv"));
        }
        try (var database = dev.pulse.engine.Database.openDuckDb(db, "1GB")) {
            database.execute(dev.pulse.engine.Sql.of("INSERT INTO pulse_schema VALUES (?, 'from the future', now())",
                    dev.pulse.ingest.Migrations.latest() + 1));
        }
        for (Run refused : new Run[]{run("metrics", "--db", db.toString(), "--metric", "accounts"), run("import", folder.data().toString(), "--db",
                db.toString())}) {
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err().strip()).contains("made by a newer Pulse").doesNotContain("\n").doesNotContain("\tat ");
        }
    }

    /** Issue 12: a file of which nothing loads is said, with its most common reasons, and the import exits 2. */
    @Test
    void anImportThatLoadsNothingOfAFileSaysWhyAndFails(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type", "A1,customer");
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score", "R1,A9,nps,2024-11-03T10:00:00Z,9",
                "R2,A8,nps,2024-11-03T10:00:00Z,9", "R3,A1,nps,2024-11-03T10:00:00Z,11");
        Run imported = run("import", folder.data().toString(), "--db", folder.databaseFile().toString());
        assertThat(imported.exit()).isEqualTo(2);
        assertThat(imported.out()).contains("quarantined: 2 rows: account_id: '…' is not an account of accounts.csv")
                .contains("quarantined: 1 row: score: 11 is outside the range of a nps answer").contains("nothing of this file was loaded");
        assertThat(imported.err()).contains("nothing was loaded from surveys.csv");
    }

    /** Issue 12: pulse.yaml beside the database is found without --config, and a reporting zone other than the import's is noted. */
    @Test
    void theConfigurationBesideTheDatabaseIsFoundAndAnotherZoneIsNoted(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type", "A1,customer");
        // 23:30 local on 31 December in Santiago is 2025-01-01 in UTC: the quarter depends on the zone.
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score", "R1,A1,nps,2024-12-31T23:30:00,10");
        java.nio.file.Files.writeString(temp.resolve("pulse.yaml"), "timezone: America/Santiago\n");
        String db = folder.databaseFile().toString();
        assertThat(run("import", folder.data().toString(), "--db", db).exit()).isZero();
        Run beside = run("metrics", "--db", db, "--metric", "nps", "--by", "quarter", "--format", "csv");
        assertThat(beside.out()).contains("nps,2024-Q4,100.0,1");
        assertThat(beside.err()).doesNotContain("note");
        java.nio.file.Path utc = java.nio.file.Files.writeString(temp.resolve("utc.yaml"), "timezone: UTC\n");
        Run other = run("metrics", "--db", db, "--config", utc.toString(), "--metric", "nps", "--by", "quarter", "--format", "csv");
        assertThat(other.err()).contains("the data was imported with the time zone America/Santiago").contains("reports in UTC");
    }

    /** Issue 12: an empty accounts.csv loads nothing, and the import says so and exits 2 instead of 0. */
    @Test
    void anEmptyAccountsFileFailsTheImport(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.raw("accounts.csv", new byte[0]);
        folder.file("tickets.csv", "ticket_id,account_id,created_at", "T1,A1,2024-10-01T10:00:00Z");
        Run imported = run("import", folder.data().toString(), "--db", folder.databaseFile().toString());
        assertThat(imported.exit()).isEqualTo(2);
        assertThat(imported.err()).contains("nothing was loaded from accounts.csv, tickets.csv");
        assertThat(imported.out()).contains("account_id: '…' is not an account of accounts.csv");
    }

    /** Issue 13's user commands: a generated password shown once, a password from standard input, a token alone on standard output. */
    @Test
    void usersAndTokensAreManagedFromTheCommandLine(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,partner_id", "P0042,partner,", "C1,customer,P0042");
        String db = folder.databaseFile().toString();
        assertThat(run("import", folder.data().toString(), "--db", db).exit()).isZero();
        Run added = run("users", "add", "ana@example.com", "--role", "analyst", "--db", db);
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("added ana@example.com (analyst)").containsPattern("password \\(shown this once\\): [A-Za-z0-9_-]{20}");
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("a partner's long password\n".getBytes(StandardCharsets.UTF_8)));
            Run partner = run("users", "add", "ventas@socio.cl", "--role", "partner", "--partner", "P0042", "--password-stdin", "--db", db);
            assertThat(partner.exit()).as(partner.err()).isZero();
            assertThat(partner.out()).contains("(partner of P0042)").doesNotContain("password");
        } finally {
            System.setIn(stdin);
        }
        Run token = run("tokens", "create", "--user", "ana@example.com", "--name", "etl", "--db", db);
        assertThat(token.exit()).as(token.err()).isZero();
        assertThat(token.out().strip()).matches("pulse_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        Run listed = run("tokens", "list", "--db", db);
        assertThat(listed.out()).contains("ana@example.com").contains("etl").doesNotContain(token.out().strip().substring(20));
        assertThat(run("users", "list", "--db", db).out()).contains("ventas@socio.cl  partner  P0042");
        Run badRole = run("users", "add", "x@example.com", "--role", "boss", "--db", db);
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("--role 'boss' is not one of admin, analyst, viewer, partner");
        Run removed = run("users", "remove", "ana@example.com", "--db", db);
        assertThat(removed.exit()).isZero();
        assertThat(run("tokens", "list", "--db", db).out()).doesNotContain("ana@example.com");
    }

    @Test
    void reportWithOnlySurveysWritesTheAskedFormatsAndRefusesABadQuarter(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,segment", "A1,customer,Enterprise", "A2,customer,SMB");
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score",
                "R1,A1,nps,2024-11-03T10:00:00Z,10", "R2,A2,nps,2024-11-03T10:00:00Z,3");
        String db = folder.databaseFile().toString();
        assertThat(run("import", folder.data().toString(), "--db", db).exit()).isZero();

        Path out = temp.resolve("reports");
        Run report = run("report", "--db", db, "--out", out.toString(), "--format", "md,html");
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("Report for 2024-Q4");
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("report.pdf")).doesNotExist();
        String markdown = java.nio.file.Files.readString(out.resolve("report.md"));
        assertThat(markdown).contains("| Customer NPS | +0.0 †").contains("no data");

        Run bad = run("report", "--db", db, "--quarter", "2024-Q5", "--out", out.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("2024-Q5");
    }

    @Test
    void defaultQuarterSkipsAQuarterThatHasBarelyBegun(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,segment", "A1,customer,Enterprise");
        java.util.List<String> tickets = new java.util.ArrayList<>(java.util.List.of("ticket_id,account_id,created_at"));
        for (int i = 1; i <= 20; i++) {
            tickets.add(String.format("T%d,A1,2024-11-%02dT10:00:00Z", i, i));
        }
        tickets.add("T21,A1,2025-01-01T01:00:00Z"); // one ticket of a quarter that has just begun
        folder.file("tickets.csv", tickets.toArray(String[]::new));
        String db = folder.databaseFile().toString();
        assertThat(run("import", folder.data().toString(), "--db", db).exit()).isZero();
        Run report = run("report", "--db", db, "--out", temp.resolve("r").toString(), "--format", "md");
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("2025-Q1 has only 1 tickets so far (2024-Q4 had 20): reporting 2024-Q4")
                .contains("Report for 2024-Q4");
        Run asked = run("report", "--db", db, "--out", temp.resolve("r").toString(), "--format", "md", "--quarter", "2025-Q1");
        assertThat(asked.out()).contains("Report for 2025-Q1");
    }

    /**
     * Issue 15: a help desk's own CSV (semicolons, windows-1252 with a byte-order mark, day-first dates in a
     * zone, priority words, a blank line) imported through a mapping file gives the metrics of the same
     * tickets written in the contract's layout; a dry run stores nothing; a bad mapping says every problem.
     */
    @Test
    void anyCsvImportsThroughAMappingWithTheMetricsOfTheContractLayoutAndADryRunStoresNothing(@TempDir Path temp) throws Exception {
        TestingFolder contract = new TestingFolder(temp.resolve("contract"));
        contract.file("accounts.csv", "account_id,type,segment", "A1,customer,Enterprise", "A2,customer,SMB");
        contract.file("tickets.csv", "ticket_id,account_id,created_at,resolved_at,priority,channel",
                "T1,A1,2024-10-03T14:05:00-03:00,2024-10-04T09:00:00-03:00,P1,phone",
                "T2,A2,2024-10-05T08:00:00-03:00,,P4,email",
                "T3,A2,2024-12-31T23:30:00-03:00,2025-01-01T01:00:00-03:00,P2,other");
        TestingFolder mapped = new TestingFolder(temp.resolve("mapped"));
        mapped.file("accounts.csv", "account_id,type,segment", "A1,customer,Enterprise", "A2,customer,SMB");
        Path export = temp.resolve("export.csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "Ticket ID;Empresa;Creado;Resuelto;Prioridad;Origen;Asunto\r\n"
                + "T1;A1;03/10/2024 14:05;04/10/2024 09:00;Urgente;Teléfono;No puedo entrar\r\n"
                + "\r\n"
                + "T2; A2 ;05/10/2024 08:00;;Baja;Correo;\"Portal; lento\"\r\n"
                + "T3;A2;31/12/2024 23:30;01/01/2025 01:00;Alta;Fax;Año nuevo\r\n"
                + "T4;NOPE;01/11/2024 10:00;;Baja;Correo;sin cuenta\r\n";
        java.nio.file.Files.write(export, text.getBytes("windows-1252"));
        Path mapping = temp.resolve("helpdesk.yaml");
        java.nio.file.Files.writeString(mapping, String.join("\n", "file: tickets", "encoding: windows-1252", "separator: \";\"",
                "timezone: America/Santiago", "columns:", "  ticket_id: Ticket ID", "  account_id: empresa",
                "  created_at: {column: Creado, format: \"dd/MM/yyyy HH:mm\"}", "  resolved_at: {column: Resuelto, format: \"dd/MM/yyyy HH:mm\"}",
                "  priority: {column: Prioridad, values: {Urgente: P1, Alta: P2, Media: P3, Baja: P4}}",
                "  channel: {column: Origen, values: {Teléfono: phone, Correo: email}, otherwise: other}", ""));
        String contractDb = contract.databaseFile().toString();
        String mappedDb = mapped.databaseFile().toString();
        assertThat(run("import", contract.data().toString(), "--db", contractDb).exit()).isZero();
        assertThat(run("import", mapped.data().toString(), "--db", mappedDb).exit()).isZero();

        Run dry = run("import", export.toString(), "--mapping", mapping.toString(), "--db", mappedDb, "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("dry run: nothing was stored").contains("3 rows would be loaded, 1 quarantined")
                .contains("tickets.csv line 6: account_id: 'NOPE' is not an account of accounts.csv");
        assertThat(run("metrics", "--db", mappedDb, "--metric", "tickets", "--format", "json").out()).as("after the dry run").contains("\"n\" : 0");

        Run imported = run("import", export.toString(), "--mapping", mapping.toString(), "--db", mappedDb);
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("export.csv read as tickets.csv through helpdesk.yaml: 4 rows");
        String metrics = "tickets,resolution_median,sla_resolution";
        for (String by : new String[] {"quarter,priority", "channel"}) {
            assertThat(run("metrics", "--db", mappedDb, "--metric", metrics, "--by", by, "--format", "json").out()).as(by)
                    .isEqualTo(run("metrics", "--db", contractDb, "--metric", metrics, "--by", by, "--format", "json").out());
        }

        Path bad = temp.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "file: tickets\nseparator: ';;'\ncolumns:\n  ticket_id: {column: ID, format: 'dd/MM'}\n"
                + "  created: Creado\n  priority: {column: Prioridad, values: {}}\nconstants:\n  channel: [a, b]\n");
        Run refused = run("import", export.toString(), "--mapping", bad.toString(), "--db", mappedDb);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("separator: must be one character").contains("columns.ticket_id.format: only a date or date-time field")
                .contains("columns.created: tickets.csv has no field 'created'").contains("columns.priority.values: must map")
                .contains("constants.channel: must be one value").contains("columns: tickets.csv needs 'account_id'")
                .contains("columns: tickets.csv needs 'created_at'").doesNotContain("Exception");
        Path wrongColumn = temp.resolve("wrong.yaml");
        java.nio.file.Files.writeString(wrongColumn, "file: tickets\nseparator: ';'\nencoding: windows-1252\ncolumns:\n  ticket_id: Ticket\n"
                + "  account_id: Empresa\n  created_at: Creado\n");
        assertThat(run("import", export.toString(), "--mapping", wrongColumn.toString(), "--db", mappedDb).err())
                .contains("columns.ticket_id: export.csv has no column 'Ticket' (it has Ticket ID, Empresa, Creado");

        // Excel's "CSV UTF-8" starts with a byte-order mark: read as UTF-8 whatever the mapping says, the mark not part of a name
        Path utf8 = temp.resolve("utf8.csv");
        java.nio.file.Files.write(utf8, concat(bom, text.replace("T1;", "T9;").getBytes(StandardCharsets.UTF_8)));
        Run marked = run("import", utf8.toString(), "--mapping", mapping.toString(), "--db", mappedDb, "--dry-run");
        assertThat(marked.exit()).as(marked.err()).isZero();
        assertThat(marked.err()).contains("utf8.csv starts with a UTF-8 byte-order mark: read as UTF-8, not windows-1252");
        assertThat(marked.out()).contains("3 rows would be loaded, 1 quarantined");

        Run suggested = run("import", export.toString(), "--suggest-mapping");
        assertThat(suggested.exit()).isZero();
        assertThat(suggested.out()).contains("file: tickets").contains("encoding: windows-1252").contains("separator: \";\"")
                .contains("ticket_id: \"Ticket ID\"").contains("# account_id: REQUIRED");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * Issue 15: a Zendesk export as the Support API writes it (organizations, users, the incremental
     * export's tickets.jsonl, ticket_metrics, satisfaction_ratings) with its awkward parts: a merged and
     * a deleted ticket, a requester whose user was deleted, an agent and a user without e-mail, a ticket
     * without organization, a rating offered but not answered, a business-minutes field left null.
     */
    @Test
    void aZendeskExportImportsWithCountsThatReconcile(@TempDir Path temp) throws Exception {
        Path export = java.nio.file.Files.createDirectories(temp.resolve("zendesk"));
        java.nio.file.Files.writeString(export.resolve("organizations.json"), """
                {"organizations": [
                  {"id": 101, "name": "Acme", "created_at": "2023-01-01T00:00:00Z", "tags": [], "organization_fields": {}},
                  {"id": 102, "name": "Beta Ltda", "created_at": "2023-02-01T00:00:00Z", "tags": ["vip"], "organization_fields": {}}
                ], "next_page": null, "previous_page": null, "count": 2}
                """);
        java.nio.file.Files.writeString(export.resolve("users.json"), """
                {"users": [
                  {"id": 201, "name": "Ana", "email": "ana@acme.test", "role": "end-user", "organization_id": 101, "locale": "en-US", "active": true},
                  {"id": 202, "name": "Beto", "email": "beto@beta.test", "role": "end-user", "organization_id": 102, "locale": "es-419", "active": true},
                  {"id": 301, "name": "Agent Smith", "email": "smith@help.test", "role": "agent", "organization_id": null, "locale": "en-US"},
                  {"id": 203, "name": "No Mail", "email": null, "role": "end-user", "organization_id": 101}
                ], "next_page": null, "count": 4}
                """);
        java.nio.file.Files.writeString(export.resolve("tickets.jsonl"), String.join("\n",
                "{\"id\": 1, \"created_at\": \"2024-10-01T12:00:00Z\", \"priority\": \"urgent\", \"status\": \"solved\", \"type\": \"incident\","
                        + " \"organization_id\": 101, \"requester_id\": 201, \"assignee_id\": 301, \"group_id\": 401, \"tags\": [\"escalated\"], \"via\": {\"channel\": \"voice\"}}",
                "{\"id\": 2, \"created_at\": \"2024-10-02T12:00:00Z\", \"priority\": \"normal\", \"status\": \"solved\", \"type\": \"question\","
                        + " \"organization_id\": 102, \"requester_id\": 202, \"group_id\": 402, \"tags\": [], \"via\": {\"channel\": \"web\"}}",
                "{\"id\": 3, \"created_at\": \"2024-10-03T12:00:00Z\", \"priority\": \"low\", \"status\": \"open\", \"organization_id\": 102,"
                        + " \"requester_id\": 299, \"tags\": [], \"via\": {\"channel\": \"email\"}}",
                "{\"id\": 4, \"created_at\": \"2024-10-04T12:00:00Z\", \"priority\": \"high\", \"status\": \"closed\", \"organization_id\": 101,"
                        + " \"requester_id\": 201, \"tags\": [\"closed_by_merge\"], \"via\": {\"channel\": \"email\"}}",
                "{\"id\": 5, \"created_at\": \"2024-10-05T12:00:00Z\", \"priority\": null, \"status\": \"deleted\", \"organization_id\": 101, \"tags\": []}",
                "{\"id\": 6, \"created_at\": \"2024-10-06T12:00:00Z\", \"priority\": \"normal\", \"status\": \"new\", \"organization_id\": null,"
                        + " \"requester_id\": 201, \"tags\": [], \"via\": {\"channel\": \"chat\"}}",
                ""));
        java.nio.file.Files.writeString(export.resolve("groups.json"), """
                {"groups": [{"id": 401, "name": "Tier 1", "deleted": false}], "count": 1}
                """);
        java.nio.file.Files.writeString(export.resolve("ticket_metrics.json"), """
                {"ticket_metrics": [
                  {"id": 901, "ticket_id": 1, "reopens": 1, "replies": 3, "solved_at": "2024-10-01T16:00:00Z",
                   "reply_time_in_minutes": {"calendar": 30, "business": 30}, "full_resolution_time_in_minutes": {"calendar": 240, "business": null}},
                  {"id": 902, "ticket_id": 2, "reopens": 0, "replies": 1, "solved_at": "2024-10-02T13:00:00Z",
                   "reply_time_in_minutes": {"calendar": 10, "business": null}},
                  {"id": 903, "ticket_id": 3, "reopens": 0, "replies": 0, "solved_at": null, "reply_time_in_minutes": {"calendar": null, "business": null}}
                ], "count": 3}
                """);
        java.nio.file.Files.writeString(export.resolve("satisfaction_ratings.json"), """
                {"satisfaction_ratings": [
                  {"id": 7001, "ticket_id": 1, "score": "good", "comment": "Fast and kind", "created_at": "2024-10-01T18:00:00Z"},
                  {"id": 7002, "ticket_id": 2, "score": "bad", "comment": "Portal lento", "created_at": "2024-10-02T18:00:00Z"},
                  {"id": 7003, "ticket_id": 3, "score": "offered", "created_at": "2024-10-03T18:00:00Z"}
                ]}
                """);
        String db = temp.resolve("cx.duckdb").toString();
        Run dry = run("import", export.toString(), "--from", "zendesk", "--db", db, "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(java.nio.file.Files.exists(Path.of(db))).as("a dry run writes no database").isFalse();

        Run imported = run("import", export.toString(), "--from", "zendesk", "--db", db, "--csat-map", "good=5,bad=2", "--json");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("tickets.jsonl 6 records").contains("1 deleted tickets left out")
                .contains("1 tickets closed by a merge into another left out").contains("1 tickets' requester is not a contact")
                .contains("2 users are agents, admins or have no e-mail").contains("1 satisfaction ratings were offered but not answered");
        JsonNode files = new ObjectMapper().readTree(imported.out()).get("files");
        java.util.Map<String, long[]> counts = new java.util.HashMap<>();
        files.forEach(f -> counts.put(f.get("file").asText(), new long[] {f.get("read").asLong(), f.get("loaded").asLong(), f.get("quarantined").asLong()}));
        assertThat(counts.get("accounts.csv")).containsExactly(2, 2, 0);
        assertThat(counts.get("contacts.csv")).containsExactly(2, 2, 0);
        // 6 tickets in the export = 3 loaded + 1 quarantined (no organization) + 2 left out (merged, deleted)
        assertThat(counts.get("tickets.csv")).containsExactly(4, 3, 1);
        assertThat(counts.get("surveys.csv")).containsExactly(2, 2, 0);

        JsonNode metrics = new ObjectMapper().readTree(run("metrics", "--db", db, "--metric", "tickets,frt_median,csat,fcr,escalation_rate",
                "--format", "json").out());
        java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
        metrics.forEach(m -> byName.put(m.get("metric").asText(), m));
        assertThat(byName.get("tickets").get("value").asDouble()).isEqualTo(3);
        assertThat(byName.get("frt_median").get("value").asDouble()).as("reply times 30 and 10 minutes").isEqualTo(20);
        assertThat(byName.get("csat").get("value").asDouble()).as("good=5, bad=2").isEqualTo(3.5);
        assertThat(byName.get("fcr").get("value").asDouble()).as("ticket 1: 3 replies and a reopen; ticket 2: one reply").isEqualTo(50);
        JsonNode priorities = new ObjectMapper().readTree(run("metrics", "--db", db, "--metric", "tickets", "--by", "priority,channel",
                "--format", "json").out());
        assertThat(priorities.toString()).contains("{\"priority\":\"P1\",\"channel\":\"phone\"}").contains("{\"priority\":\"P3\",\"channel\":\"portal\"}")
                .contains("{\"priority\":\"P4\",\"channel\":\"email\"}");
        JsonNode queues = new ObjectMapper().readTree(run("metrics", "--db", db, "--metric", "tickets", "--by", "queue", "--format", "json").out());
        assertThat(queues.toString()).as("a group named in groups.json, one that is not, none")
                .contains("{\"queue\":\"Tier 1\"}").contains("{\"queue\":\"402\"}").contains("{\"queue\":null}");

        Run again = run("import", export.toString(), "--from", "zendesk", "--db", db, "--csat-map", "good=5,bad=2", "--json");
        assertThat(again.exit()).isZero();
        assertThat(new ObjectMapper().readTree(run("metrics", "--db", db, "--metric", "tickets", "--format", "json").out()).get(0).get("value").asDouble())
                .as("imported again: nothing doubled").isEqualTo(3);
        assertThat(run("import", export.toString(), "--from", "helpscout", "--db", db).err()).contains("not a format Pulse reads");
    }

    /**
     * Issue 15: Qualtrics response exports as Qualtrics writes them: CSV with the three header rows (export
     * tags, question texts, import ids with the time zone), the same as TSV in UTF-16, and a legacy V1..
     * export; an NPS and a CSAT question in one response, choice text for a score, a preview left out.
     */
    @Test
    void aQualtricsExportImportsItsAnswersInTheExportsTimeZone(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("base"));
        folder.file("accounts.csv", "account_id,type,segment", "A1,customer,Enterprise", "A2,customer,SMB");
        String db = folder.databaseFile().toString();
        assertThat(run("import", folder.data().toString(), "--db", db).exit()).isZero();
        List<String> rows = List.of(
                "StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,RecipientEmail,ExternalReference,DistributionChannel,Q1,Q1_NPS_GROUP,Q2,Q3_TEXT",
                "Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,Recipient Email,External Data Reference,"
                        + "Distribution Channel,How likely are you to recommend us?,How likely... - Group,How satisfied are you?,Why?",
                String.join(",", java.util.stream.Stream.of("{\"ImportId\":\"startDate\",\"timeZone\":\"America/Santiago\"}",
                        "{\"ImportId\":\"endDate\",\"timeZone\":\"America/Santiago\"}", "{\"ImportId\":\"status\"}", "{\"ImportId\":\"progress\"}",
                        "{\"ImportId\":\"finished\"}", "{\"ImportId\":\"recordedDate\",\"timeZone\":\"America/Santiago\"}", "{\"ImportId\":\"_recordId\"}",
                        "{\"ImportId\":\"recipientEmail\"}", "{\"ImportId\":\"externalDataReference\"}", "{\"ImportId\":\"distributionChannel\"}",
                        "{\"ImportId\":\"QID1\"}", "{\"ImportId\":\"QID1_NPS_GROUP\"}", "{\"ImportId\":\"QID2\"}", "{\"ImportId\":\"QID3_TEXT\"}")
                        .map(cell -> "\"" + cell.replace("\"", "\"\"") + "\"").toList()),
                "2024-11-30 22:00:00,2024-11-30 22:05:00,0,100,1,2024-11-30 22:05:10,R_1,ana@a1.test,A1,email,10,Promoter,5,\"Great, fast\"",
                "2024-12-01 09:00:00,2024-12-01 09:03:00,0,100,1,2024-12-01 09:03:00,R_2,bo@a2.test,A2,email,3 - Not likely,Detractor,,Slow",
                "2024-12-01 10:00:00,2024-12-01 10:01:00,1,100,1,2024-12-01 10:01:00,R_3,test@x.test,A2,preview,9,Promoter,4,",
                "2024-12-01 11:00:00,2024-12-01 11:01:00,0,50,0,2024-12-01 11:01:00,R_4,cy@a2.test,A9,email,7,Passive,,");
        Path csv = temp.resolve("responses.csv");
        java.nio.file.Files.writeString(csv, String.join("\r\n", rows) + "\r\n");
        Run imported = run("import", csv.toString(), "--from", "qualtrics", "--survey-map", "nps=Q1,csat=Q2,comment=Q3_TEXT", "--db", db, "--json");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("4 responses, 4 answers").contains("1 previews, tests or spam left out")
                .contains("times read in America/Santiago (the export's import-id row)");
        JsonNode file = new ObjectMapper().readTree(imported.out()).get("files").get(0);
        assertThat(file.get("file").asText()).isEqualTo("surveys.csv");
        assertThat(file.get("loaded").asLong()).as("R_1 nps and csat, R_2 nps; R_4's account is not one").isEqualTo(3);
        assertThat(file.get("quarantined").asLong()).isEqualTo(1);
        // R_1 answered at 22:05 on 30 November in Santiago (UTC-3): 1 December in UTC, November in Santiago
        JsonNode byMonth = new ObjectMapper().readTree(run("metrics", "--db", db, "--metric", "nps,csat", "--by", "month", "--format", "json",
                "--config", writeConfig(temp, "timezone: America/Santiago")).out());
        assertThat(byMonth.toString()).contains("{\"metric\":\"nps\",\"group\":{\"month\":\"2024-11\"},\"value\":100.0,\"n\":1")
                .contains("{\"metric\":\"nps\",\"group\":{\"month\":\"2024-12\"},\"value\":-100.0,\"n\":1");

        // the same export as Qualtrics's TSV: UTF-16 little-endian with a byte-order mark, tabs
        Path tsv = temp.resolve("responses.tsv");
        String tabbed = String.join("\r\n", rows.stream().map(TestCommandLine::tabs).toList()) + "\r\n";
        byte[] body = tabbed.getBytes(StandardCharsets.UTF_16LE);
        java.nio.file.Files.write(tsv, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, body));
        Run fromTsv = run("import", tsv.toString(), "--from", "qualtrics", "--survey-map", "nps=Q1,csat=Q2,comment=Q3_TEXT", "--db", db, "--dry-run");
        assertThat(fromTsv.exit()).as(fromTsv.err()).isZero();
        assertThat(fromTsv.out()).contains("3 rows would be loaded, 1 quarantined");

        // a legacy export: V1.. tags, two header rows, no time zone
        Path legacy = temp.resolve("legacy.csv");
        java.nio.file.Files.writeString(legacy, String.join("\n", "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1",
                "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished,How likely?",
                "R_9,Default,Ana,A1,ana@a1.test,1.2.3.4,0,2024-10-01 10:00:00,2024-10-01 10:05:00,1,8", ""));
        Run old = run("import", legacy.toString(), "--from", "qualtrics", "--survey-map", "nps=Q1", "--db", db);
        assertThat(old.exit()).as(old.err()).isZero();
        assertThat(old.err()).contains("a legacy export");
        assertThat(run("import", csv.toString(), "--from", "qualtrics", "--db", db).err()).contains("needs --survey-map");
        Path broken = temp.resolve("broken.csv");
        java.nio.file.Files.writeString(broken, "RecordedDate,ResponseId,RecipientEmail,ExternalReference,Q1\na,b,c,d,e\n{},{},{},{},{}\n"
                + "2024-10-01 10:00:00,\"R_1\"x,a@b.test,A1,5\n");
        Run refused = run("import", broken.toString(), "--from", "qualtrics", "--survey-map", "nps=Q1", "--db", db);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("broken.csv: not valid CSV").doesNotContain("internal error");
        assertThat(run("import", csv.toString(), "--from", "qualtrics", "--survey-map", "nps=Q9", "--db", db).err())
                .contains("responses.csv has no column Q9");
    }

    private static String tabs(String csvLine) {
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(csvLine))) {
            List<String> cells = new java.util.ArrayList<>();
            parser.getRecords().get(0).forEach(cells::add);
            return String.join("\t", cells);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String writeConfig(Path temp, String yaml) throws java.io.IOException {
        Path file = temp.resolve("pulse-" + Math.abs(yaml.hashCode()) + ".yaml");
        java.nio.file.Files.writeString(file, yaml + "\n");
        return file.toString();
    }

    /**
     * Issue 15: Freshdesk's ticket CSV export with its column labels and awkward parts: a byte-order mark,
     * a description over several lines, a closed ticket without a resolved time, empty business-hours
     * fields, a ticket without a company, a survey label the map does not give, H:MM:SS business hours.
     * Its metrics equal those of the same tickets written in the contract layout by hand.
     */
    @Test
    void aFreshdeskExportGivesTheMetricsOfTheSameDataInTheContractLayout(@TempDir Path temp) throws Exception {
        Path export = temp.resolve("tickets-export.csv");
        String header = "Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,"
                + "Closed time,Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),"
                + "Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Product,"
                + "Full name,Email,Contact ID,Language,Company Name";
        java.nio.file.Files.writeString(export, "\uFEFF" + String.join("\r\n", header,
                "101,No signal,\"Line 1\nline 2, with a comma\",Resolved,Urgent,Phone,Incident,Ana Agent,Network,2024-10-01 09:00:00,"
                        + "2024-10-01 13:00:00,2024-10-01 12:30:00,,2024-10-01 12:30:00,2024-10-01 09:20:00,00:40:00,0:20:00,3:30:00,2,1,"
                        + "Within SLA,Within SLA,\"escalated,vip\",Awesome,Fiber,Rosa Diaz,rosa@acme.test,C-1,Spanish,Acme",
                "102,Invoice,Wrong amount,Closed,Medium,Email,Question,Bo Agent,Billing desk,2024-10-02 15:00:00,,,2024-10-03 10:00:00,"
                        + "2024-10-03 10:00:00,2024-10-02 16:00:00,,,,1,3,,,,Not Good,Fiber,Tom Lee,tom@beta.test,C-2,English,Beta",
                "103,Portal down,,Open,Low,Portal,Problem,,Network,2024-10-03 08:00:00,,,,2024-10-03 08:00:00,,,,,0,1,,,,,Mobile,"
                        + "Rosa Diaz,rosa@acme.test,C-1,Spanish,Acme",
                "104,Question,,Resolved,High,Chat,Question,Ana Agent,Network,2024-10-04 10:00:00,,2024-10-04 10:30:00,,2024-10-04 11:00:00,"
                        + "2024-10-04 10:05:00,,,,1,1,,,,Very happy,Mobile,Eva,eva@nowhere.test,,,",
                "105,Feedback,,Resolved,Medium,Feedback Widget,Question,Bo Agent,Billing desk,2024-10-05 10:00:00,,2024-10-06 10:00:00,,"
                        + "2024-10-06 10:00:00,2024-10-05 11:00:00,,1.5,,1,2,,,,Just Okay,Fiber,Tom Lee,tom@beta.test,C-2,English,Beta", ""));
        String db = temp.resolve("fd.duckdb").toString();
        String config = writeConfig(temp, "timezone: America/Santiago");
        Run dry = run("import", export.toString(), "--from", "freshdesk", "--db", db, "--config", config, "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(java.nio.file.Files.exists(Path.of(db))).as("a dry run writes no database").isFalse();
        Run imported = run("import", export.toString(), "--from", "freshdesk", "--db", db, "--config", config, "--json");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("5 tickets, 4 survey results").contains("1 tickets have no Company Name")
                .contains("'Very happy' 1").contains("business-hours first response: median 0.92 h over 2 tickets")
                .contains("times read in America/Santiago");
        java.util.Map<String, long[]> counts = new java.util.HashMap<>();
        new ObjectMapper().readTree(imported.out()).get("files").forEach(f -> counts.put(f.get("file").asText(),
                new long[] {f.get("read").asLong(), f.get("loaded").asLong(), f.get("quarantined").asLong()}));
        assertThat(counts.get("accounts.csv")).containsExactly(2, 2, 0);
        assertThat(counts.get("contacts.csv")).containsExactly(2, 2, 0);
        assertThat(counts.get("tickets.csv")).as("ticket 104 has no company").containsExactly(5, 4, 1);
        assertThat(counts.get("surveys.csv")).as("104's: no account and a label without a score").containsExactly(4, 3, 1);

        // the same tickets in the contract layout, by hand (Santiago is UTC-3 in October 2024)
        TestingFolder contract = new TestingFolder(temp.resolve("contract"));
        contract.file("accounts.csv", "account_id,name,type", "Acme,Acme,customer", "Beta,Beta,customer");
        contract.file("contacts.csv", "contact_id,account_id,email,name,language", "C-1,Acme,rosa@acme.test,Rosa Diaz,es",
                "C-2,Beta,tom@beta.test,Tom Lee,en");
        contract.file("tickets.csv", "ticket_id,account_id,created_at,priority,channel,category,product,first_response_at,resolved_at,contacts,"
                        + "escalated,agent_id,contact_id,queue",
                "101,Acme,2024-10-01T12:00:00Z,P1,phone,Incident,Fiber,2024-10-01T12:20:00Z,2024-10-01T15:30:00Z,1,true,Ana Agent,C-1,Network",
                "102,Beta,2024-10-02T18:00:00Z,P3,email,Question,Fiber,2024-10-02T19:00:00Z,2024-10-03T13:00:00Z,3,false,Bo Agent,C-2,Billing desk",
                "103,Acme,2024-10-03T11:00:00Z,P4,portal,Problem,Mobile,,,1,false,,C-1,Network",
                "105,Beta,2024-10-05T13:00:00Z,P3,portal,Question,Fiber,2024-10-05T14:00:00Z,2024-10-06T13:00:00Z,2,false,Bo Agent,C-2,Billing desk");
        contract.file("surveys.csv", "response_id,account_id,contact_email,kind,program,ticket_id,product,responded_at,score",
                "freshdesk-survey-101,Acme,rosa@acme.test,csat,freshdesk,101,Fiber,2024-10-01T15:30:00Z,5",
                "freshdesk-survey-102,Beta,tom@beta.test,csat,freshdesk,102,Fiber,2024-10-03T13:00:00Z,1",
                "freshdesk-survey-105,Beta,tom@beta.test,csat,freshdesk,105,Fiber,2024-10-06T13:00:00Z,3");
        String handWritten = contract.databaseFile().toString();
        assertThat(run("import", contract.data().toString(), "--db", handWritten, "--config", config).exit()).isZero();
        for (String by : new String[] {"quarter", "quarter,priority", "channel", "queue", "agent_id"}) {
            String[] metrics = {"metrics", "--metric", "tickets,frt_median,resolution_median,fcr,escalation_rate,csat,sla_response", "--by", by,
                    "--config", config, "--format", "json", "--db"};
            String fromFreshdesk = run(concat(metrics, db)).out();
            assertThat(fromFreshdesk).as(by).isEqualTo(run(concat(metrics, handWritten)).out());
        }
        assertThat(new ObjectMapper().readTree(run(concat(new String[] {"metrics", "--metric", "csat", "--config", config, "--format", "json",
                "--db"}, db)).out()).get(0).get("value").asDouble()).as("Awesome 5, Not Good 1, Just Okay 3").isEqualTo(3.0);

        Run relabelled = run("import", export.toString(), "--from", "freshdesk", "--db", db, "--config", config, "--csat-map", "Very happy=4",
                "--source-timezone", "UTC", "--json");
        assertThat(relabelled.exit()).as(relabelled.err()).isZero();
        assertThat(relabelled.err()).contains("times read in UTC").doesNotContain("'Very happy'");
        assertThat(run("import", export.toString(), "--from", "freshdesk", "--db", db, "--source-timezone", "Mars/Olympus").err())
                .contains("--source-timezone: 'Mars/Olympus' is not a time zone");
        assertThat(run("import", export.toString(), "--from", "freshdesk", "--db", db, "--csat-map", "Awesome=9").err())
                .contains("--csat-map: 'Awesome=9' must be LABEL=N with N from 1 to 5");
        Path ragged = temp.resolve("ragged.csv");
        java.nio.file.Files.writeString(ragged, String.join("\n", "Ticket ID,Created time,Company Name",
                "201,2024-11-01 10:00:00,Acme", "202,2024-11-01 11:00:00,Acme,an extra cell", "203,2024-11-02 10:00:00,Beta", ""));
        Run raggedImport = run("import", ragged.toString(), "--from", "freshdesk", "--db", db, "--config", config, "--json");
        assertThat(raggedImport.exit()).as(raggedImport.err()).isZero();
        assertThat(raggedImport.err()).contains("1 records of the export are not rows of its 3 columns: quarantined as they are; line 3: too many columns");
        assertThat(new ObjectMapper().readTree(raggedImport.out()).get("files").toString()).contains("\"file\":\"tickets.csv\",\"read\":3,\"loaded\":2,"
                + "\"quarantined\":1");
        assertThat(java.nio.file.Files.readString(dev.pulse.ingest.CsvImporter.quarantineBeside(Path.of(db))))
                .as("the export's own text").contains("202,2024-11-01 11:00:00,Acme,an extra cell");
        Path notFreshdesk = temp.resolve("other.csv");
        java.nio.file.Files.writeString(notFreshdesk, "id,opened\n1,2024-10-01\n");
        assertThat(run("import", notFreshdesk.toString(), "--from", "freshdesk", "--db", db).err())
                .contains("other.csv: not a Freshdesk ticket export: no column 'Ticket ID', 'Created time'");
    }

    /**
     * Issue 17: pulse import and pulse metrics on PostgreSQL (a throwaway cluster): the same counts and
     * quarantine as into a DuckDB file, the same metrics JSON, a second import changes nothing, and a
     * server that cannot be reached is one line.
     */
    @Test
    void importAndMetricsOnPostgreSqlGiveWhatTheyGiveOnDuckDb(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("demo"));
        new dev.pulse.generate.DemoDataGenerator(dev.pulse.generate.GeneratorOptions.standard(0.01)).generate(folder.data());
        String duck = temp.resolve("cx.duckdb").toString();
        dev.pulse.testing.TestingPostgres postgres = dev.pulse.testing.TestingPostgres.get();
        String url = postgres.newDatabase();
        String name = url.replaceFirst("^.*/", "");
        Path quarantine = Path.of(name + ".quarantine.csv");
        try {
            Run intoDuck = run("import", folder.data().toString(), "--db", duck, "--json");
            assertThat(intoDuck.exit()).as(intoDuck.err()).isZero();
            Run dry = run("import", folder.data().toString(), "--db", url, "--dry-run");
            assertThat(dry.exit()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("dry run: nothing was stored");
            assertThat(run("metrics", "--db", url, "--metric", "nps").err()).as("a dry run stores nothing").contains("holds no imported data");
            Run intoPostgres = run("import", folder.data().toString(), "--db", url, "--json");
            assertThat(intoPostgres.exit()).as(intoPostgres.err()).isZero();
            assertThat(new ObjectMapper().readTree(intoPostgres.out()).get("files")).isEqualTo(new ObjectMapper().readTree(intoDuck.out()).get("files"));
            assertThat(java.nio.file.Files.readString(quarantine)).as("the quarantine CSV, in the current folder")
                    .isEqualTo(java.nio.file.Files.readString(dev.pulse.ingest.CsvImporter.quarantineBeside(Path.of(duck))));
            String[] metrics = {"metrics", "--metric", "all", "--by", "quarter,segment", "--format", "json", "--db"};
            String onDuck = run(concat(metrics, duck)).out();
            assertThat(onDuck).contains("customer_nps");
            sameWithin1e9(run(concat(metrics, url)).out(), onDuck);
            Run again = run("import", folder.data().toString(), "--db", url, "--json");
            assertThat(again.exit()).as(again.err()).isZero();
            sameWithin1e9(run(concat(metrics, url)).out(), onDuck); // imported again: nothing doubled
            assertThat(run("metrics", "--db", "jdbc:" + url, "--metric", "tickets", "--format", "json").out())
                    .isEqualTo(run("metrics", "--db", duck, "--metric", "tickets", "--format", "json").out());

            // a database with tables of its own: those Pulse does not know are left as they were; one whose names
            // Pulse uses but did not make is refused, and not touched
            String shared = postgres.newDatabase();
            try (dev.pulse.engine.Database other = postgres.open(shared)) {
                other.execute("CREATE TABLE orders (order_id text PRIMARY KEY, amount numeric(12, 2))");
                other.execute("INSERT INTO orders VALUES ('O-1', 12.34)");
            }
            assertThat(run("import", folder.data().toString(), "--db", shared).exit()).isZero();
            try (dev.pulse.engine.Database other = postgres.open(shared)) {
                assertThat(other.query(dev.pulse.engine.Sql.of("SELECT order_id, CAST(amount AS text) AS amount, pg_typeof(amount)::text AS type"
                        + " FROM orders")).toString()).isEqualTo("[{order_id=O-1, amount=12.34, type=numeric}]");
            }
            java.nio.file.Files.deleteIfExists(Path.of(shared.replaceFirst("^.*/", "") + ".quarantine.csv"));
            String foreign = postgres.newDatabase();
            try (dev.pulse.engine.Database other = dev.pulse.engine.Database.openPostgres(foreign)) {
                other.execute("CREATE TABLE accounts (id integer, owner text)");
            }
            Run refused = run("import", folder.data().toString(), "--db", foreign);
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("holds tables Pulse did not make (accounts)");
            try (dev.pulse.engine.Database other = dev.pulse.engine.Database.openPostgres(foreign)) {
                assertThat(other.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'")))
                        .as("the foreign accounts table as it was").isEqualTo(2);
                assertThat(other.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM pg_type WHERE typname = 'double'")))
                        .as("nothing of Pulse's created in a database it refused").isZero();
            }

            Run unreachable = run("metrics", "--db", "postgresql://pulse:secret@127.0.0.1:1/cx", "--metric", "nps");
            assertThat(unreachable.exit()).isEqualTo(2);
            assertThat(unreachable.err().strip()).contains("--db postgresql://pulse:***@127.0.0.1:1/cx: cannot use the PostgreSQL database")
                    .doesNotContain("secret").doesNotContain("\n").doesNotContain("\tat ");
            // the quarterly report and the voice of the customer read the same from either engine
            Run duckReport = run("report", "--db", duck, "--format", "md", "--out", temp.resolve("r-duck").toString());
            assertThat(duckReport.exit()).as(duckReport.err()).isZero();
            Run pgReport = run("report", "--db", url, "--format", "md", "--out", temp.resolve("r-pg").toString());
            assertThat(pgReport.exit()).as(pgReport.err()).isZero();
            assertThat(java.nio.file.Files.readString(temp.resolve("r-pg/report.md")).replace("the PostgreSQL database " + name, "cx.duckdb"))
                    .isEqualTo(java.nio.file.Files.readString(temp.resolve("r-duck/report.md")));
            sameWithin1e9(run("voc", "--db", url, "--format", "json").out(), run("voc", "--db", duck, "--format", "json").out());
            Run cases = run("cases", "--db", url); // the programme's commands work on PostgreSQL too
            assertThat(cases.exit()).as(cases.err()).isZero();
            assertThat(cases.out()).contains("no cases");
            // the lake from either engine holds the same rows
            Run fromPg = run("export", "--db", url, "--parquet", temp.resolve("lake-pg").toString());
            assertThat(fromPg.exit()).as(fromPg.err()).isZero();
            Run fromDuck = run("export", "--db", duck, "--parquet", temp.resolve("lake-duck").toString());
            assertThat(fromDuck.exit()).as(fromDuck.err()).isZero();
            assertThat(fromPg.out().replaceAll("in [0-9.]+ s", "")).isEqualTo(fromDuck.out().replaceAll("in [0-9.]+ s", "")
                    .replace(temp.resolve("lake-duck").toString(), temp.resolve("lake-pg").toString()));
            try (dev.pulse.engine.Database check = dev.pulse.engine.Database.openDuckDb(null, null)) {
                for (String table : List.of("tickets", "surveys", "accounts")) {
                    String glob = table.equals("accounts") ? "/accounts/data.parquet" : "/" + table + "/**/*.parquet";
                    assertThat(check.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM ((SELECT * FROM read_parquet('" + temp.resolve("lake-pg")
                            + glob + "')) EXCEPT ALL (SELECT * FROM read_parquet('" + temp.resolve("lake-duck") + glob + "')))"))).as(table).isZero();
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(quarantine);
        }
    }

    /** The same JSON, but for numbers, which agree within 1e-9 relative (engines sum in their own order). */
    private static void sameWithin1e9(String actual, String expected) throws Exception {
        dev.pulse.testing.SameJson.within1e9(actual, expected);
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    /**
     * Issue 15: Genesys Cloud conversation detail records (participants, sessions, segments, metrics in
     * milliseconds): a voice call handled by one agent, a chat transferred to a second agent, an abandoned
     * call; AHT as Genesys's glossary has it (talk + hold + after-call work, per handled conversation).
     */
    @Test
    void genesysConversationDetailsBecomeInteractionsWithGenesysHandleTime(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("base"));
        folder.file("accounts.csv", "account_id,type", "A1,customer");
        String db = folder.databaseFile().toString();
        assertThat(run("import", folder.data().toString(), "--db", db).exit()).isZero();
        Path export = java.nio.file.Files.createDirectories(temp.resolve("genesys"));
        java.nio.file.Files.writeString(export.resolve("conversations-1.json"), """
                {"conversations": [
                  {"conversationId": "c-1", "conversationStart": "2024-10-01T13:00:00.000Z", "conversationEnd": "2024-10-01T13:08:00.000Z",
                   "originatingDirection": "inbound", "participants": [
                     {"purpose": "customer", "sessions": [{"mediaType": "voice", "metrics": [{"name": "nConnected", "value": 1}]}]},
                     {"purpose": "acd", "sessions": [{"mediaType": "voice", "metrics": [{"name": "tAcd", "value": 15000}],
                       "segments": [{"segmentStart": "2024-10-01T13:00:05.000Z", "segmentEnd": "2024-10-01T13:00:20.000Z", "queueId": "q-support",
                                     "segmentType": "interact"}]}]},
                     {"purpose": "agent", "userId": "u-ana", "sessions": [{"mediaType": "voice", "metrics": [
                       {"name": "tAnswered", "value": 15000}, {"name": "tTalkComplete", "value": 300400}, {"name": "tHeldComplete", "value": 20000},
                       {"name": "tAcw", "value": 59600}, {"name": "tHandle", "value": 380000}],
                       "segments": [{"segmentStart": "2024-10-01T13:00:20.000Z", "segmentType": "interact"}]}]}]},
                  {"conversationId": "c-2", "conversationStart": "2024-10-01T14:00:00.000Z", "conversationEnd": "2024-10-01T14:03:00.000Z",
                   "participants": [
                     {"purpose": "acd", "sessions": [{"mediaType": "voice", "metrics": [{"name": "tAcd", "value": 40000}, {"name": "tAbandon", "value": 40000}],
                       "segments": [{"segmentStart": "2024-10-01T14:00:01.000Z", "queueId": "q-support"}]}]}]}
                ], "totalHits": 2}
                """);
        java.nio.file.Files.writeString(export.resolve("conversations-2.jsonl"), "{\"conversationId\": \"c-3\", \"conversationStart\":"
                + " \"2024-10-02T10:00:00.000Z\", \"conversationEnd\": \"2024-10-02T10:20:00.000Z\", \"participants\": ["
                + "{\"purpose\": \"acd\", \"sessions\": [{\"mediaType\": \"chat\", \"metrics\": [{\"name\": \"tAcd\", \"value\": 5000}],"
                + " \"segments\": [{\"segmentStart\": \"2024-10-02T10:00:00.000Z\", \"queueId\": \"q-chat\"}]}]},"
                + "{\"purpose\": \"agent\", \"userId\": \"u-bo\", \"sessions\": [{\"mediaType\": \"chat\", \"metrics\": [{\"name\": \"tTalkComplete\","
                + " \"value\": 400000}, {\"name\": \"tAcw\", \"value\": 20000}], \"segments\": [{\"segmentStart\": \"2024-10-02T10:00:05.000Z\"}]}]},"
                + "{\"purpose\": \"agent\", \"userId\": \"u-cy\", \"sessions\": [{\"mediaType\": \"chat\", \"metrics\": [{\"name\": \"tTalkComplete\","
                + " \"value\": 500000}, {\"name\": \"tHeldComplete\", \"value\": 60000}, {\"name\": \"tAcw\", \"value\": 40000}],"
                + " \"segments\": [{\"segmentStart\": \"2024-10-02T10:07:00.000Z\"}]}]}]}\n");
        Run imported = run("import", export.toString(), "--from", "genesys", "--db", db, "--json");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("3 conversations, 4 interactions");
        JsonNode file = new ObjectMapper().readTree(imported.out()).get("files").get(0);
        assertThat(file.get("loaded").asLong()).isEqualTo(4);
        JsonNode metrics = new ObjectMapper().readTree(run("metrics", "--db", db, "--metric", "aht,offered,abandon_rate,asa", "--by", "channel",
                "--format", "json").out());
        java.util.Map<String, Double> values = new java.util.HashMap<>();
        metrics.forEach(m -> values.put(m.get("metric").asText() + "/" + m.get("group").get("channel").asText(), m.get("value").isNull() ? null
                : m.get("value").asDouble()));
        // the call: talk 300 s (300.4 rounded) + hold 20 s + wrap 60 s (59.6 rounded) = 380 s, Genesys's tHandle
        assertThat(values.get("aht/phone")).isEqualTo(380.0);
        // the chat's two handled parts: 400 + 20 = 420 s and 500 + 60 + 40 = 600 s
        assertThat(values.get("aht/chat")).isEqualTo(510.0);
        assertThat(values.get("offered/phone")).isEqualTo(2);
        assertThat(run("import", export.toString(), "--from", "genesys", "--db", db).exit()).as("again").isZero();
        assertThat(new ObjectMapper().readTree(run("metrics", "--db", db, "--metric", "offered", "--format", "json").out()).get(0).get("value").asDouble())
                .as("imported again: nothing doubled").isEqualTo(4);
    }

    /** Issue 15: SurveyMonkey's "all responses" CSV, two header rows, a question over several columns, US dates, choice text. */
    @Test
    void aSurveyMonkeyExportImportsThroughItsTwoHeaderRows(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("base"));
        folder.file("accounts.csv", "account_id,type", "A1,customer", "A2,customer");
        String db = folder.databaseFile().toString();
        assertThat(run("import", folder.data().toString(), "--db", db).exit()).isZero();
        Path export = temp.resolve("all-responses.csv");
        java.nio.file.Files.writeString(export, String.join("\r\n",
                "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,"
                        + "\"How likely is it that you would recommend us to a friend or colleague?\",How satisfied were you with support?,,"
                        + "What is the primary reason for your score?",
                ",,,,,,,,,Response,Phone,Email,Open-Ended Response",
                "114001,4001,10/01/2024 09:00:00 AM,10/01/2024 09:05:00 AM,1.2.3.4,ana@a1.test,Ana,P,A1,10 - Extremely likely,5,4,\"Fast, kind\"",
                "114002,4001,10/02/2024 11:00:00 PM,10/02/2024 11:10:00 PM,1.2.3.5,bo@a2.test,Bo,Q,A2,2,1,,Slow",
                "114003,4001,10/03/2024 10:00:00 AM,10/03/2024 10:02:00 AM,1.2.3.6,cy@a2.test,Cy,R,A2,,,,", ""));
        Run imported = run("import", export.toString(), "--from", "surveymonkey", "--survey-map",
                "nps=How likely,csat=How satisfied were you / Email,comment=What is the primary reason", "--db", db, "--json");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("3 responses, 3 answers");
        JsonNode metrics = new ObjectMapper().readTree(run("metrics", "--db", db, "--metric", "nps,csat", "--format", "json").out());
        assertThat(metrics.get(0).get("value").asDouble()).as("a 10 and a 2").isEqualTo(0);
        assertThat(metrics.get(0).get("n").asLong()).isEqualTo(2);
        assertThat(metrics.get(1).get("value").asDouble()).as("the Email column of the support question: 4 (the second row left it empty)")
                .isEqualTo(4);
        assertThat(run("import", export.toString(), "--from", "surveymonkey", "--survey-map", "nps=How unlikely", "--db", db).err())
                .contains("no column for nps=How unlikely");
    }
}
