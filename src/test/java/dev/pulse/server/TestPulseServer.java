package dev.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.access.PasswordHasher;
import dev.pulse.access.Role;
import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricJson;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricRequest;
import dev.pulse.metrics.Scope;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API on a real server on a free port of 127.0.0.1, as a client and an attacker would use it. */
class TestPulseServer {
    @TempDir
    static Path temp;
    static Database database;
    static PulseConfig config;
    static Javalin app;
    static PulseServer server;
    static String analystToken;
    static String partnerToken;
    static String partner;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        new DemoDataGenerator(GeneratorOptions.standard(0.05)).generate(folder.data());
        config = PulseConfig.defaults();
        database = folder.open();
        folder.importInto(database, config);
        partner = (String) database.query(dev.pulse.engine.Sql.of("SELECT partner_id FROM accounts WHERE partner_id IS NOT NULL"
                + " GROUP BY partner_id ORDER BY count(*) DESC, partner_id LIMIT 1")).get(0).get("partner_id");
        UserStore users = new UserStore(database, new PasswordHasher(), TestingClock.CLOCK);
        users.add("test", "ana@example.com", Role.ANALYST, null, "a long enough password");
        users.add("test", "socio@example.com", Role.PARTNER, partner, "a long enough password");
        analystToken = users.createToken("test", "ana@example.com", "test");
        partnerToken = users.createToken("test", "socio@example.com", "test");
        server = new PulseServer(database, config, Catalogue.standard(), users);
        app = server.start("127.0.0.1", 0);
        server.awaitWarm(); // no background query while a test counts them
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        database.close();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** What pulse metrics --format json prints for the same request, in a scope. */
    private static String cli(Scope scope, List<String> metrics, List<String> by, String period, List<String> filters) throws Exception {
        MetricEngine engine = new MetricEngine(database, Catalogue.standard(), config, scope);
        MetricQuery query = new MetricRequest(metrics, by, period, null, null, filters, "--").resolve(engine, note -> { });
        return MetricJson.values(engine.compute(query));
    }

    @Test
    void theApiAnswersAsTheCommandLineDoesForTheWholeCatalogue() throws Exception {
        for (String[] c : new String[][]{{"all", "quarter", null}, {"all", "quarter,segment", "2024-Q4"}, {"customer_nps,csat,fcr", "", "2024"},
                {"sla_response", "quarter,priority", "2024-Q4"}}) {
            String path = "/api/metrics" + query(c[2] == null ? new String[]{"metric", c[0], "by", c[1]}
                    : new String[]{"metric", c[0], "by", c[1], "period", c[2]});
            HttpResponse<String> response = get(path, analystToken);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            List<String> by = c[1].isEmpty() ? List.of() : Arrays.asList(c[1].split(","));
            assertThat(response.body()).as(path).isEqualTo(cli(Scope.everything(), Arrays.asList(c[0].split(",")), by, c[2], List.of()));
        }
        HttpResponse<String> filtered = get("/api/metrics?metric=csat&by=quarter&filter=segment:Enterprise,SMB&filter=channel:phone", analystToken);
        assertThat(filtered.body()).isEqualTo(cli(Scope.everything(), List.of("csat"), List.of("quarter"), null,
                List.of("segment:Enterprise,SMB", "channel:phone")));
        JsonNode catalogue = new ObjectMapper().readTree(get("/api/catalogue", analystToken).body());
        assertThat(catalogue).hasSize(Catalogue.standard().names().size());
        assertThat(catalogue.get(0).get("metric").asText()).isEqualTo("nps");
    }

    @Test
    void aRepeatedRequestIsAnsweredWithoutAQueryAndScopesDoNotShareAnswers() throws Exception {
        String path = "/api/metrics?metric=customer_nps,fcr&by=quarter";
        String first = get(path, analystToken).body();
        List<dev.pulse.engine.Sql> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
        database.onStatement(statements::add);
        try {
            assertThat(get(path, analystToken).body()).isEqualTo(first);
            assertThat(statements).isEmpty();
            assertThat(get(path, partnerToken).body()).isNotEqualTo(first);
            assertThat(statements).anySatisfy(sql -> assertThat(sql.text()).contains("surveys"));
        } finally {
            database.onStatement(sql -> { });
        }
    }

    @Test
    void aPartnerGetsOnlyItsScopeWhateverItAsksFor() throws Exception {
        HttpResponse<String> own = get("/api/metrics?metric=tickets,customer_nps&by=quarter,segment", partnerToken);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(cli(Scope.partner(partner, config.accessMinN()), List.of("tickets", "customer_nps"),
                List.of("quarter", "segment"), null, List.of()));
        String other = (String) database.query(dev.pulse.engine.Sql.of("SELECT partner_id FROM accounts WHERE partner_id IS NOT NULL"
                + " AND partner_id <> ? LIMIT 1", partner)).get(0).get("partner_id");
        JsonNode theirs = new ObjectMapper().readTree(get("/api/metrics?metric=tickets,nps,active_customers&filter=partner_id:" + other,
                partnerToken).body());
        assertThat(theirs).allSatisfy(v -> assertThat(v.get("n").asLong()).isZero());
        JsonNode byPartner = new ObjectMapper().readTree(get("/api/metrics?metric=tickets&by=partner_id", partnerToken).body());
        assertThat(byPartner).allSatisfy(v -> assertThat(v.get("group").get("partner_id").isNull()
                || v.get("group").get("partner_id").asText().equals(partner)).isTrue());
        JsonNode team = new ObjectMapper().readTree(get("/api/metrics?metric=utilization,qa_score", partnerToken).body());
        assertThat(team).allSatisfy(v -> assertThat(v.get("value").isNull()).isTrue());
    }

    @Test
    void noTokenOrAForgedOneIsRefusedAndAnswersCarrySecurityHeaders() throws Exception {
        for (String token : new String[]{null, "", "pulse_000000000000_" + "A".repeat(43), analystToken + "x", "Basic abc"}) {
            HttpResponse<String> response = get("/api/metrics?metric=nps", token);
            assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(new ObjectMapper().readTree(response.body()).get("error").asText()).contains("Bearer");
        }
        HttpResponse<String> response = get("/api/catalogue", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    @Test
    void badAndHostileParametersAreOneJsonErrorWithoutSqlOrTrace() throws Exception {
        String[][] cases = {{"metric", "nps'; DROP TABLE surveys;--"}, {"metric", "nps", "by", "segment) OR 1=1"},
                {"metric", "nps", "period", "2024-Q9"}, {"metric", "nps", "from", "2024-13-01"}, {"metric", "nps", "compare", "sideways"},
                {"metric", "nps", "filter", "segment"}, {"metric", "nps", "filter", "quarter:2024-Q1"}, {"metric", "aht", "by", "segment"},
                {"metric", "nps", "period", "../../etc/passwd"}, {"by", "quarter"}, {"metric", "x".repeat(3000)}};
        for (String[] c : cases) {
            HttpResponse<String> response = get("/api/metrics" + query(c), analystToken);
            assertThat(response.statusCode()).as(String.join(" ", c)).isEqualTo(400);
            assertThat(response.body()).as(String.join(" ", c)).doesNotContain("SELECT").doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("dev.pulse");
            assertThat(new ObjectMapper().readTree(response.body()).has("error")).isTrue();
        }
        // a hostile filter value is a value, bound, never SQL: it matches nothing and the tables are intact
        HttpResponse<String> injected = get("/api/metrics" + query("metric", "tickets", "filter", "segment:x') OR ('1'='1"), analystToken);
        assertThat(new ObjectMapper().readTree(injected.body()).get(0).get("n").asLong()).isZero();
        assertThat(database.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM surveys"))).isPositive();
        HttpResponse<String> missing = get("/api/nothing", analystToken);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(missing.body()).get("valid").toString()).contains("GET /api/metrics");
    }

    /** A component schema of the OpenAPI document, as a JSON Schema 2020-12 whose refs resolve within the document. */
    private static com.networknt.schema.Schema schema(JsonNode document, String component, boolean array) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode schema = new ObjectMapper().createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        if (array) {
            schema.put("type", "array");
            schema.putObject("items").put("$ref", "#/components/schemas/" + component);
        } else {
            schema.put("$ref", "#/components/schemas/" + component);
        }
        schema.set("components", document.get("components"));
        return com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(schema.toString());
    }

    private static void assertValid(com.networknt.schema.Schema schema, String body, String what) {
        assertThat(schema.validate(body, com.networknt.schema.InputFormat.JSON)).as(what).isEmpty();
    }

    @Test
    void theOpenApiDocumentIsValidOpenApi31CoversEveryEndpointAndDescribesRealAnswers() throws Exception {
        HttpResponse<String> response = get("/api/openapi.json", null);
        assertThat(response.statusCode()).as("the description needs no token").isEqualTo(200);
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        io.swagger.v3.parser.core.models.SwaggerParseResult parsed = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(response.body(), null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths().keySet()).containsExactlyInAnyOrder("/api/catalogue", "/api/metrics", "/api/rows/{source}",
                "/api/voc", "/api/drivers", "/api/reports/{quarter}.{format}", "/api/imports", "/api/openapi.json", "/api/cases", "/api/cases/{id}");
        for (var path : parsed.getOpenAPI().getPaths().entrySet()) {
            String concrete = path.getKey().replace("{source}", "tickets").replace("{quarter}", "2024-Q4").replace("{format}", "md")
                    .replace("{id}", "C-0");
            HttpResponse<String> answer = path.getValue().getGet() != null ? get(concrete, analystToken)
                    : CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + concrete))
                    .header("Authorization", "Bearer " + analystToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            // a case that does not exist is the endpoint's own 404, not one of no route
            assertThat(answer.statusCode() != 404 || answer.body().contains("no such case")).as(path.getKey() + " is served").isTrue();
        }
        JsonNode document = new ObjectMapper().readTree(response.body());
        assertValid(schema(document, "CatalogueEntry", true), get("/api/catalogue", analystToken).body(), "catalogue");
        assertValid(schema(document, "MetricValue", true), get("/api/metrics?metric=all&by=quarter", analystToken).body(), "metrics");
        assertValid(schema(document, "MetricValue", true), get("/api/metrics?metric=tickets,customer_nps&by=segment", partnerToken).body(),
                "a partner's metrics, some withheld");
        assertValid(schema(document, "RowPage", false), get("/api/rows/tickets?metric=fcr&group=quarter:2024-Q4&limit=3", analystToken).body(),
                "rows");
        assertValid(schema(document, "Voc", false), get("/api/voc?quarter=2024-Q4", analystToken).body(), "voc");
        assertValid(schema(document, "Driver", true), get("/api/drivers?period=2024&by=segment", analystToken).body(), "drivers");
        assertValid(schema(document, "Error", false), get("/api/metrics?metric=nope", analystToken).body(), "an error");
        assertValid(schema(document, "Error", false), get("/api/metrics?metric=nps", null).body(), "401");
    }

    @Test
    void keyDriversAreTheCommandLinesAndAPartnersRestOnItsCustomersAnswersAlone() throws Exception {
        JsonNode all = new ObjectMapper().readTree(get("/api/drivers?period=2024&outcome=customer_nps", analystToken).body());
        assertThat(all).isNotEmpty();
        assertThat(all.get(0).fieldNames()).toIterable().containsExactly("driver", "group", "respondents", "with", "importance",
                "importance_ci_low", "importance_ci_high", "effect", "effect_ci_low", "effect_ci_high", "significant");
        var engine = new dev.pulse.metrics.MetricEngine(database, Catalogue.standard(), config, dev.pulse.metrics.Scope.everything());
        String cli = dev.pulse.metrics.DriverJson.array(dev.pulse.metrics.KeyDrivers.of(engine, dev.pulse.metrics.DriverCatalogue.standard())
                .compute(dev.pulse.metrics.KeyDrivers.Options.of("customer_nps", dev.pulse.metrics.PeriodRange.parse("2024"))));
        assertThat(new ObjectMapper().readTree(cli)).as("the API's drivers are pulse drivers'").isEqualTo(all);
        long theirs = new dev.pulse.metrics.MetricEngine(database, Catalogue.standard(), config, dev.pulse.metrics.Scope.partner(partner, 0))
                .compute(new dev.pulse.metrics.MetricQuery(List.of("customer_nps"), List.of(), dev.pulse.metrics.PeriodRange.parse("2024")))
                .get(0).n();
        assertThat(theirs).isPositive().isLessThan(all.get(0).get("respondents").asLong());
        JsonNode mine = new ObjectMapper().readTree(get("/api/drivers?period=2024&outcome=customer_nps", partnerToken).body());
        assertThat(mine).allSatisfy(d -> assertThat(d.get("respondents").asLong()).as("a partner's answers").isEqualTo(theirs));
        assertThat(get("/api/drivers?outcome=customer_nps", analystToken).statusCode()).isEqualTo(400);
        assertThat(get("/api/drivers?period=2024&outcome=tickets", analystToken).body()).contains("not a survey score");
        assertThat(get("/api/drivers?period=2024&lookback_days=soon", analystToken).body()).contains("lookback_days");
    }

    @Test
    void theOverviewPreparedInPartsAtTheStartIsTheOneComputedWhenAsked() throws Exception {
        String prepared = get("/", analystToken).body();
        assertThat(prepared).contains("data-metric=\"customer_nps\"");
        List<dev.pulse.engine.Sql> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.forgetAnswers();
        database.onStatement(statements::add);
        String computed;
        try {
            computed = get("/", analystToken).body();
        } finally {
            database.onStatement(sql -> { });
        }
        assertThat(statements).as("computed this time").isNotEmpty();
        assertThat(computed).isEqualTo(prepared);
    }

    @Test
    void aTrendOfAPeriodIsNotTheTrendOfAllData() throws Exception {
        String all = get("/trend?metric=csat&grain=quarter", analystToken).body();
        String year = get("/trend?metric=csat&grain=quarter&period=2024", analystToken).body();
        assertThat(all).contains("<th scope=\"row\">2023-Q3</th>");
        assertThat(year).contains("<th scope=\"row\">2024-Q1</th>").doesNotContain("<th scope=\"row\">2023-Q3</th>");
    }

    @Test
    void aPartnersReportSaysWithheldWhereItsValuesAreWithheld() throws Exception {
        HttpResponse<String> report = get("/api/reports/2024-Q4.md", partnerToken);
        assertThat(report.statusCode()).isEqualTo(200);
        JsonNode shown = new ObjectMapper().readTree(get("/api/metrics?metric=customer_nps,csat,ces,fcr&period=2024-Q4", partnerToken).body());
        boolean anyWithheld = false;
        for (JsonNode value : shown) {
            anyWithheld |= value.path("suppressed").asBoolean();
        }
        assertThat(anyWithheld).as("the partner has withheld values in 2024-Q4").isTrue();
        assertThat(report.body()).contains("withheld");
        assertThat(get("/api/reports/2024-Q4.md", analystToken).body()).doesNotContain("withheld");
    }
}
