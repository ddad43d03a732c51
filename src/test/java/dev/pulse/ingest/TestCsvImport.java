package dev.pulse.ingest;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCsvImport {
    private static final String ACCOUNTS_HEADER = "account_id,name,type,segment,tier,partner_id,region,started_at,ended_at,owner";

    @TempDir
    Path temp;
    TestingFolder folder;

    @BeforeEach
    void setUp() throws Exception {
        folder = new TestingFolder(temp);
        folder.file("accounts.csv", ACCOUNTS_HEADER,
                "A1,Acme,customer,Enterprise,,P1,North,2023-01-01,,Ana",
                "007,Bond,customer,SMB,,,South,,,",
                "P1,Partner One,partner,,Gold,,North,,,");
    }

    private FileReport report(ImportResult result, String file) {
        return result.files().stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> query(String sql) throws Exception {
        try (Database database = folder.open()) {
            return database.query(Sql.of(sql));
        }
    }

    private List<Map<String, Object>> quarantine(String file) throws Exception {
        try (Database database = folder.open()) {
            return database.query(Sql.of("SELECT line, reason, raw FROM quarantine WHERE file = ? ORDER BY line", file));
        }
    }

    @Test
    void loadsGoodRowsAndKeepsIdentifiersAsText() throws Exception {
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "accounts.csv").loaded()).isEqualTo(3);
        assertThat(query("SELECT account_id FROM accounts WHERE name = 'Bond'")).singleElement()
                .satisfies(row -> assertThat(row.get("account_id")).isEqualTo("007"));
    }

    @Test
    void matchesHeadersCaseInsensitivelyInAnyOrderAndListsUnknownColumns() throws Exception {
        folder.file("tickets.csv", "Created_At,TICKET_ID,Account_Id,Mood", "2024-10-03T14:05:00Z,T1,A1,happy");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        FileReport tickets = report(result, "tickets.csv");
        assertThat(tickets.loaded()).isEqualTo(1);
        assertThat(tickets.ignoredColumns()).containsExactly("Mood");
    }

    @Test
    void acceptsByteOrderMarkAndCrlfLineEnds() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "ticket_id,account_id,created_at\r\nT1,A1,2024-10-03T14:05:00Z\r\nT2,A1,2024-10-04T14:05:00Z\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(body, 0, content, bom.length, body.length);
        folder.raw("tickets.csv", content);
        assertThat(report(folder.importOnce(PulseConfig.defaults()), "tickets.csv").loaded()).isEqualTo(2);
    }

    @Test
    void readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() throws Exception {
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score,comment",
                "R1,A1,nps,2024-10-03T14:05:00Z,9,\"Great, really \"\"great\"\"\nsecond line\"",
                "R2,A1,nps,2024-10-03T14:05:00Z,42,bad score",
                "R3,A1,csat,2024-10-03T14:05:00Z,5,");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "surveys.csv").loaded()).isEqualTo(2);
        assertThat(query("SELECT comment FROM surveys WHERE response_id = 'R1'")).singleElement()
                .satisfies(row -> assertThat(row.get("comment")).isEqualTo("Great, really \"great\"\nsecond line"));
        // R2 starts on physical line 4: the header, then R1 over two lines.
        assertThat(quarantine("surveys.csv")).singleElement().satisfies(row -> {
            assertThat(row.get("line")).isEqualTo(4L);
            assertThat((String) row.get("reason")).contains("score: 42 is outside the range of a nps answer");
            assertThat(row.get("raw")).isEqualTo("R2,A1,nps,2024-10-03T14:05:00Z,42,bad score");
        });
    }

    @Test
    void readsTimestampsWithAnyOffsetAndWithoutOffsetInTheReportingZone() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at",
                "T1,A1,2024-10-03T14:05:00-03:00",
                "T2,A1,2024-10-03T14:05:00Z",
                "T3,A1,2024-10-03T14:05:00+0530",
                "T4,A1,2024-10-03T14:05:00.250+01:00",
                "T5,A1,2024-10-03 14:05:00",
                "T6,A1,2024-10-03T14:05");
        PulseConfig santiago = new PulseConfig(ZoneId.of("America/Santiago"), PulseConfig.defaults().slaByPriority(), 20, 5, true,
                Map.of(), Map.of(), "1GB", dev.pulse.config.ReportSettings.defaults(), PulseConfig.defaults().themes(), PulseConfig.defaults().importOptions(), 5, 6_000,
                dev.pulse.config.ProgramSettings.defaults(), List.of(), dev.pulse.config.BusinessHours.none());
        assertThat(report(folder.importOnce(santiago), "tickets.csv").loaded()).isEqualTo(6);
        List<Map<String, Object>> rows = query("SELECT ticket_id, epoch(created_at) AS e FROM tickets ORDER BY ticket_id");
        long t2 = 1727964300L; // 2024-10-03T14:05:00Z
        assertThat(rows).extracting(r -> ((Number) r.get("e")).doubleValue()).containsExactly(
                t2 + 3 * 3600.0, (double) t2, t2 - 5.5 * 3600, t2 - 3600 + 0.25,
                t2 + 3 * 3600.0, t2 + 3 * 3600.0); // Santiago is UTC-3 on 2024-10-03 (summer time)
    }

    @Test
    void readsBooleansInEverySpellingAndAppliesDefaults() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,escalated,contacts,reopens",
                "T1,A1,2024-10-03T14:05:00Z,TRUE,,",
                "T2,A1,2024-10-03T14:05:00Z,yes,2,1",
                "T3,A1,2024-10-03T14:05:00Z,1,,",
                "T4,A1,2024-10-03T14:05:00Z,False,,",
                "T5,A1,2024-10-03T14:05:00Z,No,,",
                "T6,A1,2024-10-03T14:05:00Z,0,,",
                "T7,A1,2024-10-03T14:05:00Z,,,",
                "T8,A1,2024-10-03T14:05:00Z,maybe,,",
                "T9,A1,2024-10-03T14:05:00Z,t,,", "TA,A1,2024-10-03T14:05:00Z,N,,", "TB,A1,2024-10-03T14:05:00Z,1.0,,");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "tickets.csv").quarantined()).isEqualTo(1);
        assertThat(query("SELECT ticket_id, escalated, contacts, reopens FROM tickets ORDER BY ticket_id"))
                .extracting(r -> r.get("ticket_id") + ":" + r.get("escalated") + ":" + r.get("contacts") + ":" + r.get("reopens"))
                .containsExactly("T1:true:1:0", "T2:true:2:1", "T3:true:1:0", "T4:false:1:0", "T5:false:1:0", "T6:false:1:0",
                        "T7:false:1:0", "T9:true:1:0", "TA:false:1:0", "TB:true:1:0");
        assertThat(quarantine("tickets.csv")).singleElement().satisfies(row -> {
            assertThat(row.get("line")).isEqualTo(9L);
            assertThat((String) row.get("reason")).isEqualTo("escalated: 'maybe' is not a boolean (true/false, yes/no, 1/0)");
        });
    }

    @Test
    void wholeNumbersWrittenWithAZeroFractionAreWholeNumbers() throws Exception {
        // what a spreadsheet or a data-frame export writes for an integer column with empty cells
        folder.file("tickets.csv", "ticket_id,account_id,created_at,contacts,reopens,handle_seconds",
                "T1,A1,2024-10-03T14:05:00Z,2.0,0.0,3600.00",
                "T2,A1,2024-10-03T14:05:00Z,+1,-0,007",
                "T3,A1,2024-10-03T14:05:00Z,1.5,,",
                "T4,A1,2024-10-03T14:05:00Z,1e3,,",
                "T5,A1,2024-10-03T14:05:00Z,1_000,,");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "tickets.csv").quarantined()).isEqualTo(3);
        assertThat(query("SELECT ticket_id, contacts, reopens, handle_seconds FROM tickets ORDER BY ticket_id"))
                .extracting(r -> r.get("ticket_id") + ":" + r.get("contacts") + ":" + r.get("reopens") + ":" + r.get("handle_seconds"))
                .containsExactly("T1:2:0:3600", "T2:1:0:7");
        assertThat(quarantine("tickets.csv")).extracting(row -> (String) row.get("reason")).containsExactly(
                "contacts: '1.5' is not a whole number", "contacts: '1e3' is not a whole number", "contacts: '1_000' is not a whole number");
    }

    @Test
    void placeholdersForMissingValuesAreNotEmptyFields() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,resolved_at,channel", "T1,A1,2024-10-03T14:05:00Z,NA,NA",
                "T2,A1,2024-10-03T14:05:00Z,,NA");
        FileReport tickets = report(folder.importOnce(PulseConfig.defaults()), "tickets.csv");
        assertThat(tickets.loaded()).isEqualTo(1);
        assertThat(quarantine("tickets.csv")).singleElement().satisfies(row -> assertThat((String) row.get("reason"))
                .isEqualTo("resolved_at: 'NA' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)"));
        assertThat(query("SELECT channel FROM tickets")).singleElement().satisfies(r -> assertThat(r.get("channel")).isEqualTo("NA"));
    }

    @Test
    void datesMayCarryAMidnightTimeAndMonthsTheirFirstDay() throws Exception {
        folder.file("agent_activity.csv", "agent_id,date,staffed_seconds,handling_seconds",
                "G1,2024-10-03,100,50", "G2,2024-10-03 00:00:00,100,50", "G3,2024-10-03T00:00,100,50",
                "G4,2024-10-03 12:00:00,100,50", "G5,2024-10-32,100,50");
        folder.file("costs.csv", "month,amount", "2024-10,10", "2024-11-01,20", "2024-12-15,30");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(query("SELECT agent_id, CAST(date AS VARCHAR) AS d FROM agent_activity ORDER BY agent_id"))
                .extracting(r -> r.get("agent_id") + ":" + r.get("d")).containsExactly("G1:2024-10-03", "G2:2024-10-03", "G3:2024-10-03");
        assertThat(report(result, "agent_activity.csv").quarantined()).isEqualTo(2); // a time of day is no date; nor is the 32nd
        assertThat(query("SELECT CAST(month AS VARCHAR) AS m FROM costs ORDER BY month")).extracting(r -> r.get("m"))
                .containsExactly("2024-10-01", "2024-11-01");
        assertThat(quarantine("costs.csv")).extracting(row -> (String) row.get("reason"))
                .containsExactly("month: '2024-12-15' is not a month (YYYY-MM, or its first day YYYY-MM-01)");
    }

    @Test
    void quarantinesEveryKindOfBadRowWithFileLineRawAndAllReasons() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,first_response_at,resolved_at,contacts,handle_seconds",
                "T1,A1,2024-10-03T14:05:00Z,2024-10-03T14:00:00Z,,,",
                "T2,NOPE,2024-10-03T14:05:00Z,,,,",
                "T3,A1,not a time,,,0,-5",
                ",A1,2024-10-03T14:05:00Z,,,,",
                "T5,A1,2024-10-03T14:05:00Z,,2024-10-01T00:00:00Z,,",
                "T6,A1,2024-10-03T14:05:00Z,,,1.5,",
                "T7,A1,2024-10-03T14:05:00Z,,,,,extra",
                "T8,A1,2024-10-03T14:05:00Z,,,,");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        FileReport tickets = report(result, "tickets.csv");
        assertThat(tickets.read()).isEqualTo(8);
        assertThat(tickets.loaded()).isEqualTo(1);
        assertThat(tickets.quarantined()).isEqualTo(7);
        List<Map<String, Object>> bad = quarantine("tickets.csv");
        assertThat(bad).extracting(r -> r.get("line")).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat((String) bad.get(0).get("reason")).startsWith("first_response_at: ").contains("is before created_at");
        assertThat((String) bad.get(1).get("reason")).isEqualTo("account_id: 'NOPE' is not an account of accounts.csv");
        assertThat(bad.get(1).get("raw")).isEqualTo("T2,NOPE,2024-10-03T14:05:00Z,,,,");
        assertThat(bad.get(2).get("raw")).isEqualTo("T3,A1,not a time,,,0,-5");
        assertThat((String) bad.get(2).get("reason")).contains("created_at: 'not a time' is not an ISO-8601 timestamp")
                .contains("contacts: 0 is below the minimum 1").contains("handle_seconds: -5 is below the minimum 0");
        assertThat((String) bad.get(3).get("reason")).isEqualTo("ticket_id: a required value is missing");
        assertThat((String) bad.get(4).get("reason")).startsWith("resolved_at: ");
        assertThat((String) bad.get(5).get("reason")).isEqualTo("contacts: '1.5' is not a whole number");
        assertThat((String) bad.get(6).get("reason")).contains("fields");
        assertThat(bad.get(6).get("raw")).isEqualTo("T7,A1,2024-10-03T14:05:00Z,,,,,extra");
        assertThat(Files.readString(folder.quarantineCsv())).contains("tickets.csv,3,account_id: 'NOPE' is not an account");
    }

    @Test
    void quarantinesLaterDuplicatesOfAnId() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,channel",
                "T1,A1,2024-10-03T14:05:00Z,phone",
                "T1,A1,2024-10-04T14:05:00Z,email",
                "T2,A1,2024-10-04T14:05:00Z,email");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "tickets.csv").loaded()).isEqualTo(2);
        assertThat(quarantine("tickets.csv")).singleElement().satisfies(row -> {
            assertThat(row.get("line")).isEqualTo(3L);
            assertThat((String) row.get("reason")).startsWith("duplicate ticket_id 'T1'");
        });
        assertThat(query("SELECT channel FROM tickets WHERE ticket_id = 'T1'")).singleElement()
                .satisfies(row -> assertThat(row.get("channel")).isEqualTo("phone"));
    }

    @Test
    void rowsFoundBadByTheLaterChecksKeepTheirRawLineAndLineNumberAfterMultiLineFieldsAndBrokenRows() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,channel",
                "T1,A1,2024-10-03T14:05:00Z,\"web\nform\"",
                "T9,A1,2024-10-03T14:05:00Z,phone,extra",
                "T1,A1,2024-10-04T14:05:00Z,\"e\r\nmail\"",
                "T2,NOPE,2024-10-04T14:05:00Z,email",
                "T3,A1,2024-10-04T14:05:00Z,email");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        FileReport tickets = report(result, "tickets.csv");
        assertThat(tickets.read()).isEqualTo(5);
        assertThat(tickets.loaded()).isEqualTo(2);
        List<Map<String, Object>> bad = quarantine("tickets.csv");
        assertThat(bad).extracting(r -> r.get("line")).containsExactly(4L, 5L, 7L);
        assertThat((String) bad.get(0).get("reason")).contains("fields");
        assertThat((String) bad.get(1).get("reason")).startsWith("duplicate ticket_id 'T1'");
        assertThat(bad.get(1).get("raw")).isEqualTo("T1,A1,2024-10-04T14:05:00Z,\"e\r\nmail\"");
        assertThat(bad.get(2).get("raw")).isEqualTo("T2,NOPE,2024-10-04T14:05:00Z,email");
    }

    @Test
    void lineNumbersCountBlankLinesAndCrlfAndBytesThatAreNotUtf8AreQuarantinedNotFatal() throws Exception {
        byte[] head = String.join("\r\n", "ticket_id,account_id,created_at,channel",
                "T1,A1,2024-10-03T14:05:00Z,\"web\r\nform\"",
                "",
                "T2,A1,bad,email",
                "",
                "",
                "T3,A1",
                "T4,A1,bad,email",
                "T5,A1,2024-10-03T14:05:00Z,teléfono").getBytes(StandardCharsets.UTF_8); // UTF-8 (é), then damage
        byte[] broken = {'\r', '\n', 'T', '6', ',', 'A', '1', ',', 'x', ',', (byte) 0xff, (byte) 0xfe, '\r', '\n'};
        byte[] tail = "T7,A1,also bad,\r\n".getBytes(StandardCharsets.UTF_8);
        folder.raw("tickets.csv", concat(head, broken, tail));
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        FileReport tickets = report(result, "tickets.csv");
        assertThat(tickets.read()).isEqualTo(7);
        assertThat(tickets.loaded()).isEqualTo(2);
        List<Map<String, Object>> bad = quarantine("tickets.csv");
        assertThat(bad).extracting(r -> r.get("line")).containsExactly(5L, 8L, 9L, 11L, 12L);
        assertThat(bad.get(0).get("raw")).isEqualTo("T2,A1,bad,email");
        assertThat(bad.get(1).get("raw")).isEqualTo("T3,A1");
        assertThat((String) bad.get(3).get("reason")).isEqualTo("the row holds bytes that are not UTF-8");
        assertThat(bad.get(4).get("raw")).isEqualTo("T7,A1,also bad,");
    }

    @Test
    void aWindows1252FileIsReadInThatEncodingAndSaysSo() throws Exception {
        // what a spreadsheet on Windows saves: accents, typographic quotes and the euro sign as single bytes
        folder.raw("surveys.csv", ("response_id,account_id,kind,responded_at,score,comment\r\n"
                + "R1,A1,nps,2024-10-03T14:05:00Z,9,\"Muy buena atención, “rápida” y sin costo de 10 €\"\r\n"
                + "R2,A1,nps,2024-10-03T14:05:00Z,2,pésimo\r\n"
                + "R3,A1,nps,2024-10-03T14:05:00Z,11,fuera de rango\r\n").getBytes(Encoding.WINDOWS_1252));
        FileReport surveys = report(folder.importOnce(PulseConfig.defaults()), "surveys.csv");
        assertThat(surveys.loaded()).isEqualTo(2);
        assertThat(surveys.notes()).anyMatch(note -> note.contains("Windows-1252"));
        assertThat(query("SELECT comment FROM surveys ORDER BY response_id")).extracting(r -> r.get("comment"))
                .containsExactly("Muy buena atención, “rápida” y sin costo de 10 €", "pésimo");
        assertThat(quarantine("surveys.csv")).singleElement().satisfies(row -> {
            assertThat(row.get("line")).isEqualTo(4L);
            assertThat(row.get("raw")).isEqualTo("R3,A1,nps,2024-10-03T14:05:00Z,11,fuera de rango");
        });
    }

    @Test
    void aUtf16TabSeparatedFileIsReadAsSuch() throws Exception {
        // a spreadsheet's "Unicode text": UTF-16 little-endian with a byte order mark, fields separated by tabs
        byte[] text = ("response_id\taccount_id\tkind\tresponded_at\tscore\tcomment\r\n"
                + "R1\tA1\tnps\t2024-10-03T14:05:00Z\t9\tAtención “excelente” 👍\r\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[text.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(text, 0, withMark, 2, text.length);
        folder.raw("surveys.csv", withMark);
        FileReport surveys = report(folder.importOnce(PulseConfig.defaults()), "surveys.csv");
        assertThat(surveys.loaded()).isEqualTo(1);
        assertThat(surveys.notes()).anyMatch(note -> note.contains("UTF-16")).anyMatch(note -> note.contains("separated by 'tab'"));
        assertThat(query("SELECT comment FROM surveys WHERE response_id = 'R1'")).singleElement()
                .satisfies(r -> assertThat(r.get("comment")).isEqualTo("Atención “excelente” 👍"));
    }

    @Test
    void lineNumbersWithLfEndingsBlankLinesAndABrokenRowSpanningLines() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,channel",
                "",
                "T1,A1,2024-10-03T14:05:00Z,\"web",
                "form\",extra",
                "",
                "T2,A1,bad,email",
                "T3,A1,2024-10-03T14:05:00Z,email",
                "",
                "T4,NOPE,2024-10-03T14:05:00Z,email");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "tickets.csv").loaded()).isEqualTo(1);
        List<Map<String, Object>> bad = quarantine("tickets.csv");
        assertThat(bad).extracting(r -> r.get("line")).containsExactly(3L, 6L, 9L);
        assertThat((String) bad.get(0).get("reason")).contains("fields");
        assertThat(bad.get(2).get("raw")).isEqualTo("T4,NOPE,2024-10-03T14:05:00Z,email");
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void importingTheSameFolderTwiceChangesNothingAndNewerVersionsReplace() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,channel",
                "T1,A1,2024-10-03T14:05:00Z,phone", "T2,A1,2024-10-03T14:05:00Z,bad,extra");
        folder.file("costs.csv", "month,amount,currency", "2024-10,100.5,USD", "2024-10,20,USD", "2024-11,50,USD");
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            ImportResult again = folder.importInto(database, PulseConfig.defaults());
            assertThat(report(again, "tickets.csv").loaded()).isEqualTo(1);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM tickets"))).isEqualTo(1);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM quarantine WHERE file = 'tickets.csv'"))).isEqualTo(1);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM costs"))).isEqualTo(3);
        }
        folder.file("tickets.csv", "ticket_id,account_id,created_at,channel", "T1,A1,2024-10-03T14:05:00Z,email");
        folder.file("costs.csv", "month,amount,currency", "2024-10,300,USD");
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            assertThat(database.query(Sql.of("SELECT channel FROM tickets"))).singleElement()
                    .satisfies(row -> assertThat(row.get("channel")).isEqualTo("email"));
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM quarantine WHERE file = 'tickets.csv'"))).isZero();
            assertThat(database.queryLong(Sql.of("SELECT CAST(sum(amount) AS BIGINT) FROM costs"))).isEqualTo(350);
        }
    }

    @Test
    void contactsAreCheckedAsTheProgrammeSpecSaysAndTicketsNameThem() throws Exception {
        folder.file("contacts.csv", "contact_id,account_id,email,name,role,language,opted_out,bounced",
                "K1,A1, Ana@Acme.com ,Ana,business,es,,",
                "K2,A1,ana@acme.COM,Ana again,technical,en,false,false",       // same e-mail, same account: duplicate
                "K3,007,ana@acme.com,Ana for Bond,operational,,yes,",           // same e-mail, another account: allowed
                "K4,A1,not-an-email,Bad,,,,",                                   // no @
                "K5,A1,two@@acme.com,Bad,,,,",                                  // two @
                "K6,A1,me@localhost,Bad,,,,",                                   // no dot in the domain
                "K7,A1,my name@acme.com,Bad,,,,",                               // a space
                "K8,ZZ,zz@acme.com,Nobody,,,,",                                 // unknown account
                "K9,A1,bo@acme.com,Bo,Boss,fr,,true");                          // language not en/es
        folder.file("tickets.csv", "ticket_id,account_id,created_at,contact_id",
                "T1,A1,2024-10-03T14:05:00Z,K1", "T2,A1,2024-10-03T14:05:00Z,", "T3,A1,2024-10-03T14:05:00Z,K2");
        try (Database database = folder.open()) {
            ImportResult result = folder.importInto(database, PulseConfig.defaults());
            FileReport contacts = report(result, "contacts.csv");
            assertThat(contacts.loaded()).isEqualTo(2);
            assertThat(contacts.quarantined()).isEqualTo(7);
            assertThat(contacts.notes()).anySatisfy(note -> assertThat(note).contains("1 address is shared by contacts of more than one account"));
            assertThat(database.query(Sql.of("SELECT contact_id, email, language, opted_out, bounced FROM contacts ORDER BY contact_id")))
                    .containsExactly(
                            Map.of("contact_id", "K1", "email", "Ana@Acme.com", "language", "es", "opted_out", false, "bounced", false),
                            Map.of("contact_id", "K3", "email", "ana@acme.com", "language", "en", "opted_out", true, "bounced", false));
            assertThat(database.query(Sql.of("SELECT line, reason FROM quarantine WHERE file = 'contacts.csv' ORDER BY line")))
                    .extracting(row -> row.get("line") + " " + row.get("reason"))
                    .containsExactly(
                            "3 duplicate e-mail: an earlier contact of this account has the same e-mail",
                            "5 email: 'not-an-email' is not an e-mail address (one @, a dot in the domain, no spaces)",
                            "6 email: 'two@@acme.com' is not an e-mail address (one @, a dot in the domain, no spaces)",
                            "7 email: 'me@localhost' is not an e-mail address (one @, a dot in the domain, no spaces)",
                            "8 email: 'my name@acme.com' is not an e-mail address (one @, a dot in the domain, no spaces)",
                            "9 account_id: 'ZZ' is not an account of accounts.csv",
                            "10 language: 'fr' is not one of en, es");
            assertThat(report(result, "tickets.csv").loaded()).isEqualTo(2);
            assertThat(database.query(Sql.of("SELECT line, reason FROM quarantine WHERE file = 'tickets.csv'")))
                    .extracting(row -> row.get("line") + " " + row.get("reason"))
                    .containsExactly("4 contact_id: 'K2' is not a contact of contacts.csv");

            // Again: nothing changes. A new contact with a stored contact's e-mail in the same account is a duplicate;
            // the stored contact itself, re-imported with another e-mail, frees its old one.
            ImportResult again = folder.importInto(database, PulseConfig.defaults());
            assertThat(report(again, "contacts.csv").loaded()).isEqualTo(2);
            folder.file("contacts.csv", "contact_id,account_id,email", "K10,A1,ANA@acme.com");
            assertThat(report(folder.importInto(database, PulseConfig.defaults()), "contacts.csv").quarantined()).isEqualTo(1);
            folder.file("contacts.csv", "contact_id,account_id,email", "K1,A1,new@acme.com", "K10,A1,ana@acme.com");
            assertThat(report(folder.importInto(database, PulseConfig.defaults()), "contacts.csv").loaded()).isEqualTo(2);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM contacts"))).isEqualTo(3);
        }
    }

    @Test
    void aDatabaseWrittenBeforeTicketsHadAContactGainsTheColumn() throws Exception {
        try (Database database = folder.open()) {
            database.execute("CREATE TABLE tickets (ticket_id VARCHAR, account_id VARCHAR, created_at TIMESTAMPTZ)");
            database.execute("INSERT INTO tickets VALUES ('T0', 'A1', TIMESTAMPTZ '2024-10-01 00:00:00+00')");
            folder.file("tickets.csv", "ticket_id,account_id,created_at", "T1,A1,2024-10-03T14:05:00Z");
            folder.importInto(database, PulseConfig.defaults());
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM tickets WHERE contact_id IS NULL"))).isEqualTo(2);
        }
    }

    @Test
    void categoryValuesAreTrimmedComparedCaseInsensitivelyAndShownInTheFirstSpelling() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,channel",
                "T1,A1,2024-10-03T14:05:00Z,Phone ", "T2,A1,2024-10-03T14:05:00Z,PHONE", "T3,A1,2024-10-03T14:05:00Z,  phone");
        folder.importOnce(PulseConfig.defaults());
        assertThat(query("SELECT DISTINCT channel FROM tickets")).singleElement()
                .satisfies(row -> assertThat(row.get("channel")).isEqualTo("Phone"));
    }

    @Test
    void spacesAroundAValueAreIgnoredAndAllSpacesIsEmpty() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,contacts,escalated,agent_id",
                " T1 ,A1, 2024-10-03T14:05:00Z , 3 ,  true,   ",
                "   ,A1,2024-10-03T14:05:00Z,,,",
                "T3,A1,2024-10-03T14:05:00Z,   ,yes, A 7");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "tickets.csv").loaded()).isEqualTo(2);
        assertThat(quarantine("tickets.csv")).singleElement()
                .satisfies(row -> assertThat(row.get("reason")).isEqualTo("ticket_id: a required value is missing"));
        List<Map<String, Object>> rows = query("SELECT ticket_id, contacts, escalated, agent_id FROM tickets ORDER BY created_at, ticket_id");
        assertThat(rows).extracting(r -> r.get("ticket_id")).containsExactly(" T1 ", "T3");
        assertThat(rows.get(0).get("contacts")).isEqualTo(3L);
        assertThat(rows.get(0).get("escalated")).isEqualTo(true);
        assertThat(rows.get(0).get("agent_id")).isNull();
        assertThat(rows.get(1).get("contacts")).isEqualTo(1L);
        assertThat(rows.get(1).get("agent_id")).isEqualTo(" A 7");
    }

    @Test
    void aMissingRequiredColumnQuarantinesEveryRowAndSaysSo() throws Exception {
        folder.file("tickets.csv", "ticket_id,created_at", "T1,2024-10-03T14:05:00Z", "T2,2024-10-03T14:05:00Z");
        FileReport tickets = report(folder.importOnce(PulseConfig.defaults()), "tickets.csv");
        assertThat(tickets.quarantined()).isEqualTo(2);
        assertThat(tickets.problems()).singleElement().asString().contains("account_id");
        assertThat(quarantine("tickets.csv")).allSatisfy(row ->
                assertThat((String) row.get("reason")).contains("account_id: the required column is missing from the header"));
    }

    @Test
    void aFolderNamedLikeADataFileIsThatFilesProblemAndTheOthersStillLoad() throws Exception {
        java.nio.file.Files.createDirectories(folder.data().resolve("interactions.csv"));
        folder.file("tickets.csv", "ticket_id,account_id,created_at", "T1,A1,2024-10-03T14:05:00Z");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "interactions.csv").problems()).singleElement().asString().contains("folder, not a file");
        assertThat(report(result, "tickets.csv").loaded()).isEqualTo(1);
    }

    @Test
    void anEmptyFileIsReportedNotFatal() throws Exception {
        folder.raw("interactions.csv", new byte[0]);
        FileReport interactions = report(folder.importOnce(PulseConfig.defaults()), "interactions.csv");
        assertThat(interactions.read()).isZero();
        assertThat(interactions.problems()).singleElement().asString().contains("empty");
    }

    @Test
    void aFileThatIsNotCsvAtAllIsReportedAndTheOtherFilesStillLoad() throws Exception {
        byte[] noise = new byte[4000];
        new java.util.Random(7).nextBytes(noise);
        folder.raw("tickets.csv", noise);
        folder.file("surveys.csv", "response_id,account_id,responded_at,kind,score", "R1,A1,2024-10-03T14:05:00Z,csat,5");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        FileReport tickets = report(result, "tickets.csv");
        assertThat(tickets.loaded()).isZero();
        assertThat(tickets.problems()).singleElement().asString().contains("could not be read as CSV");
        assertThat(report(result, "surveys.csv").loaded()).isEqualTo(1);
    }

    @Test
    void semicolonAndTabSeparatedFilesAreReadSoWithDecimalCommasAndSaySo() throws Exception {
        // what a spreadsheet saves where the decimal mark is a comma (Chile, Spain): fields separated by ';'
        folder.file("surveys.csv", "response_id;account_id;responded_at;kind;score;comment",
                "R1;A1;2024-10-03T14:05:00Z;csat;5;\"Bien; rápido\"", "R2;A1;2024-10-03T14:05:00Z;csat;9;fuera de rango",
                "R3;A1;2024-10-03T14:05:00Z;nps;4,0;", "R4;A1;2024-10-03T14:05:00Z;nps;4,5;");
        folder.file("qa_reviews.csv", "review_id;reviewed_at;score", "Q1;2024-10-03T14:05:00Z;87,5", "Q2;2024-10-03T14:05:00Z;90",
                "Q3;2024-10-03T14:05:00Z;1.234,5");
        folder.file("costs.csv", "month\tamount", "2024-10\t1234.5");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        FileReport surveys = report(result, "surveys.csv");
        assertThat(surveys.loaded()).isEqualTo(2); // R1, and R3 whose score 4,0 is the whole number 4 (issue 12); 4,5 is not one
        assertThat(query("SELECT score FROM surveys WHERE response_id = 'R3'")).singleElement()
                .satisfies(r -> assertThat(r.get("score")).isEqualTo(4L));
        assertThat(surveys.notes()).anySatisfy(note -> assertThat(note).contains("separated by ';'"));
        assertThat(query("SELECT comment FROM surveys WHERE response_id = 'R1'")).singleElement().satisfies(r -> assertThat(r.get("comment")).isEqualTo("Bien; rápido"));
        assertThat(quarantine("surveys.csv")).extracting(row -> row.get("line")).containsExactly(3L, 5L);
        assertThat(query("SELECT score FROM qa_reviews ORDER BY review_id")).extracting(r -> r.get("score")).containsExactly(87.5, 90.0);
        assertThat((String) quarantine("qa_reviews.csv").get(0).get("reason")).contains("above the maximum 100");
        assertThat(report(result, "costs.csv").notes()).anySatisfy(note -> assertThat(note).contains("separated by 'tab'"));
        assertThat(query("SELECT amount FROM costs")).singleElement().satisfies(r -> assertThat(r.get("amount")).isEqualTo(1234.5));
    }

    @Test
    void timestampsDecadesAwayLoadButAreNoted() throws Exception {
        folder.file("tickets.csv", "ticket_id,account_id,created_at,resolved_at",
                "T1,A1,1900-01-01T00:00:00Z,", "T2,A1,2024-10-03T14:05:00Z,9999-12-31T00:00:00Z", "T3,A1,2024-10-03T14:05:00Z,");
        FileReport tickets = report(folder.importOnce(PulseConfig.defaults()), "tickets.csv");
        assertThat(tickets.loaded()).isEqualTo(3);
        assertThat(tickets.problems()).isEmpty();
        assertThat(tickets.notes()).containsExactly(
                "created_at: 1 row before 1990-01-01 (earliest 1900-01-01 00:00:00+00); loaded, but breakdowns by period reach back to them",
                "resolved_at: 1 row after " + java.time.LocalDate.now(TestingClock.CLOCK.withZone(java.time.ZoneOffset.UTC)).plusYears(1)
                        + " (latest 9999-12-31 00:00:00+00); loaded, but breakdowns by period reach forward to them");
    }

    @Test
    void valuesLongerThanTheLimitsAreQuarantinedNotLoaded() throws Exception {
        // Issue 12: a 20 MB comment stalled the import for hours; a 5 MB category loaded and made a 41 MB breakdown.
        String comment = "x".repeat(20_000_000);
        String category = "c".repeat(5_000_000);
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score,comment",
                "R1,A1,nps,2024-10-03T14:05:00Z,9," + comment, "R2,A1,nps,2024-10-03T14:05:00Z,9,fine", "R3,A1,nps,2024-10-03T14:05:00Z,9,"
                        + "y".repeat(65_536));
        folder.file("tickets.csv", "ticket_id,account_id,created_at,category", "T1,A1,2024-10-03T14:05:00Z," + category,
                "T2,A1,2024-10-03T14:05:00Z,Billing", "T3,A1,nope-" + "9".repeat(1000) + ",Billing");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "surveys.csv").loaded()).isEqualTo(2);
        assertThat(quarantine("surveys.csv")).singleElement().satisfies(row -> {
            assertThat(row.get("line")).isEqualTo(2L);
            assertThat((String) row.get("reason")).isEqualTo("comment: 20000000 characters, more than the 65536 a value may have"
                    + " (import.max_text_length in pulse.yaml)");
            assertThat((String) row.get("raw")).hasSize("R1,A1,nps,2024-10-03T14:05:00Z,9,".length() + comment.length());
        });
        assertThat(report(result, "tickets.csv").loaded()).isEqualTo(1);
        List<Map<String, Object>> tickets = quarantine("tickets.csv");
        assertThat(tickets).extracting(row -> (String) row.get("reason")).containsExactly(
                "category: 5000000 characters, more than the 256 a value may have (import.max_value_length in pulse.yaml)",
                "created_at: 'nope-" + "9".repeat(75) + "...' is not an ISO-8601 timestamp (2024-10-03T14:05:00-03:00)");
    }

    @Test
    void theLengthLimitsAndDateFormatsArePerConfiguration() throws Exception {
        Path yaml = Files.writeString(temp.resolve("pulse.yaml"), String.join("\n", "import:", "  max_text_length: 10",
                "  max_value_length: 8", "  date_format:", "    accounts.csv: \"%d/%m/%Y\"", "  timestamp_format:",
                "    tickets.csv: \"%d/%m/%Y %H:%M\"", ""));
        PulseConfig config = new dev.pulse.config.ConfigLoader(dev.pulse.metrics.Catalogue.standard().names()).load(yaml);
        folder.file("accounts.csv", ACCOUNTS_HEADER, "A1,Acme,customer,SMB,,,,03/10/2024,2024-12-31,", "A23456789,Acme,customer,SMB,,,,,,",
                "A3,A much longer name,customer,SMB,,,,,,", "A4,Acme,customer,SMB,,,,2024-13-01,,");
        folder.file("tickets.csv", "ticket_id,account_id,created_at", "T1,A1,03/10/2024 14:05", "T2,A1,2024-10-03T14:05:00Z");
        ImportResult result = folder.importOnce(config);
        assertThat(query("SELECT account_id, CAST(started_at AS VARCHAR) AS s, CAST(ended_at AS VARCHAR) AS e FROM accounts"))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("s", "2024-10-03").containsEntry("e", "2024-12-31"));
        assertThat(quarantine("accounts.csv")).extracting(row -> (String) row.get("reason")).containsExactly(
                "account_id: 9 characters, more than the 8 a value may have (import.max_value_length in pulse.yaml)",
                "name: 18 characters, more than the 10 a value may have (import.max_text_length in pulse.yaml)",
                "started_at: '2024-13-01' is not a date (YYYY-MM-DD) or %d/%m/%Y (import.date_format)");
        assertThat(report(result, "tickets.csv").loaded()).isEqualTo(2);
        // As instants (a timestamp's text would be in the machine's zone): both 2024-10-03T14:05:00Z.
        assertThat(query("SELECT epoch(created_at) AS c FROM tickets ORDER BY ticket_id")).extracting(r -> r.get("c"))
                .containsExactly(1727964300.0, 1727964300.0);
    }

    @Test
    void raggedRowsAndStrayQuotesGetOneReasonEachAndTheirLine() throws Exception {
        // Issue 12: a quote inside an unquoted value ('cust"omer') made every later row's line unknown, and a quote
        // never closed was called a wrong number of fields.
        folder.file("accounts.csv", "account_id,type,segment", "A1,customer,SMB", "A2,cust\"omer,SMB", "A3,customer",
                "A4,customer,SMB,extra", "A5,customer,S\"M\"B,x", "A6,customer,\"SMB", "A7,customer,SMB");
        folder.importOnce(PulseConfig.defaults());
        assertThat(quarantine("accounts.csv")).extracting(row -> row.get("line") + " " + row.get("reason")).containsExactly(
                "3 type: 'cust\"omer' is not one of customer, partner",
                "4 the row has 2 fields where the header has 3",
                "5 the row has 4 fields where the header has 3",
                "6 the row has 4 fields where the header has 3",
                "7 a quoted field is never closed (a \" without its closing \"): the row runs on to the end of the file or of the reader's record");
    }

    @Test
    void aFolderWithoutAccountsIsRefused() throws Exception {
        Files.delete(folder.data().resolve("accounts.csv"));
        assertThatThrownBy(() -> folder.importOnce(PulseConfig.defaults()))
                .isInstanceOf(CsvImporter.ImportException.class).hasMessageContaining("accounts.csv is missing");
    }

    @Test
    void checksScoresPerKindAndTheOtherFiles() throws Exception {
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score",
                "R1,A1,nps,2024-10-03T14:05:00Z,0", "R2,A1,csat,2024-10-03T14:05:00Z,0", "R3,A1,ces,2024-10-03T14:05:00Z,7",
                "R4,A1,CSAT,2024-10-03T14:05:00Z,5", "R5,A1,other,2024-10-03T14:05:00Z,5");
        folder.file("agent_activity.csv", "agent_id,date,team,staffed_seconds,handling_seconds",
                "G1,2024-10-03,T,100,50", "G1,2024-10-03,T,100,60", "G2,2024-13-03,T,100,50");
        folder.file("qa_reviews.csv", "review_id,reviewed_at,score", "Q1,2024-10-03T14:05:00Z,85.5", "Q2,2024-10-03T14:05:00Z,101");
        folder.file("costs.csv", "month,amount", "2024-10,10", "2024/11,10");
        folder.file("ops_metrics.csv", "date,metric,value", "2024-10-01,platform_uptime_pct,99.9", "2024-10-01,mos,abc");
        ImportResult result = folder.importOnce(PulseConfig.defaults());
        assertThat(report(result, "surveys.csv").quarantined()).isEqualTo(2);
        assertThat(query("SELECT kind FROM surveys WHERE response_id = 'R4'")).singleElement()
                .satisfies(row -> assertThat(row.get("kind")).isEqualTo("csat"));
        assertThat(report(result, "agent_activity.csv").quarantined()).isEqualTo(2);
        assertThat(report(result, "qa_reviews.csv").quarantined()).isEqualTo(1);
        assertThat(report(result, "costs.csv").quarantined()).isEqualTo(1);
        assertThat(report(result, "ops_metrics.csv").quarantined()).isEqualTo(1);
        for (FileReport file : result.files()) {
            assertThat(file.read()).isEqualTo(file.loaded() + file.quarantined());
        }
    }
}
