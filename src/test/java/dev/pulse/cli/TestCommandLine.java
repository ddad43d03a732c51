package dev.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import static org.assertj.core.api.Assertions.assertThat;

class TestCommandLine {
    record Run(int exit, String out, String err) { }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine commandLine = PulseCommand.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            int exit = commandLine.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
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
        assertThat(files.toString()).contains("{\"file\":\"surveys.csv\",\"read\":3,\"loaded\":2,\"quarantined\":1}");

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
        assertThat(table.out()).contains("nps").contains("0.00").contains("low sample");
        Run csv = run("metrics", "--db", db, "--metric", "nps", "--by", "segment", "--format", "csv");
        assertThat(csv.out()).startsWith("metric,segment,value,n,ci_low,ci_high,low_sample,share");
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
}
