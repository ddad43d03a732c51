package dev.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pulse.access.PasswordHasher;
import dev.pulse.access.Role;
import dev.pulse.access.UserStore;
import dev.pulse.config.ConfigLoader;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.metrics.Catalogue;
import dev.pulse.program.Invitations;
import dev.pulse.program.OutboxDelivery;
import dev.pulse.program.Tokens;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NPS programme as its people meet it, in headless chromium: a respondent answers on a phone with
 * the keyboard alone, another in Spanish on a laptop (a missing score first), and changes the answer;
 * an unknown link gets a friendly page; an analyst works the resulting detractor case in the
 * dashboard (contacted, then resolved with a root cause, which it asks for); the account's partner
 * sees the case, another partner does not. axe-core finds no serious violation on any page. Screenshots
 * at 375 and 1280 px go to target/screenshots.
 */
class TestProgrammeInBrowser {
    private static final String PASSWORD = "a long enough password";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path temp;
    static Database database;
    static Javalin app;
    static ChromeDriver browser;
    static String base;
    static String englishToken;
    static String spanishToken;
    /** An invitation to an account of a partner, with that partner and another one. */
    static String partnerToken;
    static String partner;
    static String otherPartner;

    @BeforeAll
    static void start() throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        new DemoDataGenerator(GeneratorOptions.standard(0.03)).generate(folder.data());
        // A webhook without its secret in the environment: the case's alert waits, and its page says so.
        PulseConfig config = new ConfigLoader(Catalogue.standard().names()).parse("pulse.yaml", new ObjectMapper(new YAMLFactory()).readTree(
                "program:\n  webhook:\n    url: http://127.0.0.1:9/pulse-alerts\n    secret_env: PULSE_BROWSER_TEST_SECRET_NOT_SET\n"));
        database = folder.open();
        folder.importInto(database, config);
        // Sent now, by the real clock the server and the browser run on: the links are valid for the test.
        new Invitations(database, config.program(), Tokens.forDatabase(folder.databaseFile()), Clock.systemUTC(), ZoneOffset.UTC, null)
                .send("relationship", "2025-H1", Instant.parse("2024-12-15T00:00:00Z"), new OutboxDelivery(temp.resolve("outbox")),
                        "http://127.0.0.1", "surveys@example.com");
        Tokens tokens = Tokens.forDatabase(folder.databaseFile());
        englishToken = tokens.token(invitation("i.language = 'en' AND a.partner_id IS NULL"));
        spanishToken = tokens.token(invitation("i.language = 'es' AND a.partner_id IS NULL"));
        String withPartner = invitation("a.partner_id IS NOT NULL");
        partnerToken = tokens.token(withPartner);
        partner = (String) database.query(Sql.of("SELECT a.partner_id FROM invitations i JOIN accounts a ON a.account_id = i.account_id"
                + " WHERE i.invitation_id = ?", withPartner)).get(0).get("partner_id");
        otherPartner = (String) database.query(Sql.of("SELECT min(partner_id) AS p FROM accounts WHERE partner_id IS NOT NULL AND partner_id <> ?",
                partner)).get(0).get("p");
        UserStore users = new UserStore(database, new PasswordHasher(), TestingClock.CLOCK);
        users.add("test", "ana@example.com", Role.ANALYST, null, PASSWORD);
        users.add("test", "socio@example.com", Role.PARTNER, partner, PASSWORD);
        users.add("test", "otro@example.com", Role.PARTNER, otherPartner, PASSWORD);
        app = new PulseServer(database, config, Catalogue.standard(), users, Clock.systemUTC(), false).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        browser = TestDashboardInBrowser.startBrowser();
    }

    private static String invitation(String where) throws Exception {
        return (String) database.query(Sql.of("SELECT i.invitation_id FROM invitations i JOIN accounts a ON a.account_id = i.account_id"
                + " WHERE " + where + " ORDER BY i.invitation_id LIMIT 1")).get(0).get("invitation_id");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        app.stop();
        database.close();
    }

    @Test
    void aRespondentAnswersOnAPhoneWithTheKeyboardAloneAndAnotherInSpanish() throws Exception {
        // A phone: the page fits its width, every choice is a finger-sized target, no script is needed.
        browser.manage().window().setSize(new Dimension(375, 900));
        browser.get(base + "/s/" + englishToken);
        assertThat(browser.findElement(By.cssSelector("legend")).getText()).contains("How likely are you to recommend");
        assertThat(browser.findElements(By.cssSelector("input[type=radio][name=score]"))).hasSize(11);
        assertThat(browser.findElements(By.tagName("script"))).as("the answer page works without JavaScript").isEmpty();
        assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue()).as("no sideways scrolling at 375 px")
                .isLessThanOrEqualTo(375);
        for (WebElement choice : browser.findElements(By.cssSelector("label.choice"))) {
            assertThat(choice.getRect().getHeight()).as("a choice's height").isGreaterThanOrEqualTo(40);
            assertThat(choice.getRect().getWidth()).as("a choice's width").isGreaterThanOrEqualTo(24);
        }
        assertThat(accessibilityViolations()).as("answer page").isEmpty();
        screenshot("survey");

        // The keyboard alone: Tab into the scale, arrows to 3, Tab to the comment, Tab to the button, Enter.
        WebElement body = browser.findElement(By.tagName("body"));
        body.click();
        for (int i = 0; i < 5 && !"score".equals(active().getAttribute("name")); i++) {
            active().sendKeys(Keys.TAB);
        }
        assertThat(active().getAttribute("name")).as("Tab reaches the scale").isEqualTo("score");
        active().sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        assertThat(browser.findElement(By.cssSelector("input[name=score]:checked")).getAttribute("value")).isEqualTo("3");
        active().sendKeys(Keys.TAB);
        assertThat(active().getAttribute("id")).isEqualTo("comment");
        active().sendKeys("The portal was down during our launch");
        active().sendKeys(Keys.TAB);
        assertThat(active().getTagName()).isEqualTo("button");
        active().sendKeys(Keys.ENTER);
        waitFor(".message");
        assertThat(browser.findElement(By.cssSelector(".message")).getText()).isEqualTo("Thank you! Your answer has been received.");
        assertThat(browser.findElement(By.cssSelector(".detail")).getText()).startsWith("You can change it with the same link until");
        screenshot("survey-thanks");
        assertThat(database.query(Sql.of("SELECT s.score, s.comment FROM surveys s JOIN invitations i ON i.response_id = s.response_id"
                + " WHERE s.response_id IS NOT NULL AND s.comment = ?", "The portal was down during our launch"))).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("score", 3L));

        // Spanish, on a laptop: sent without a score it asks for one, in Spanish, and keeps the comment.
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(base + "/s/" + spanishToken);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(browser.findElement(By.cssSelector("legend")).getText()).contains("¿Qué tan probable es que");
        browser.findElement(By.id("comment")).sendKeys("Muy buena atención");
        clickAndWait(By.cssSelector("button[type=submit]"), "#score-error");
        assertThat(browser.findElement(By.id("score-error")).getText()).isEqualTo("Elija una puntuación de 0 a 10.");
        assertThat(browser.findElement(By.id("score-error")).getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.id("comment")).getAttribute("value")).isEqualTo("Muy buena atención");
        assertThat(accessibilityViolations()).as("answer page with an error").isEmpty();
        screenshot("survey-es-error");
        browser.findElement(By.xpath("//label[@class='choice'][span='9']")).click();
        clickAndWait(By.cssSelector("button[type=submit]"), ".message");
        assertThat(browser.findElement(By.cssSelector(".message")).getText()).isEqualTo("¡Gracias! Recibimos su respuesta.");

        // The same link again, within the edit window: the answer to change, then changed.
        browser.get(base + "/s/" + spanishToken);
        assertThat(browser.findElement(By.cssSelector("input[name=score]:checked")).getAttribute("value")).isEqualTo("9");
        browser.findElement(By.xpath("//label[@class='choice'][span='10']")).click();
        clickAndWait(By.cssSelector("button[type=submit]"), ".message");
        assertThat(browser.findElement(By.cssSelector(".message")).getText()).isEqualTo("Actualizamos su respuesta. Gracias.");
        screenshot("survey-es-updated");

        // A link that is not one: a friendly page, nothing stored.
        browser.get(base + "/s/" + "Q".repeat(32));
        assertThat(browser.findElement(By.cssSelector(".message")).getText()).isEqualTo("We could not find this survey. Please check that the link is complete.");
        assertThat(accessibilityViolations()).as("unknown link").isEmpty();
    }

    @Test
    void anAnalystWorksADetractorsCaseAndOnlyTheAccountsPartnerSeesIt() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 2000));
        browser.get(base + "/s/" + partnerToken);
        browser.findElement(By.xpath("//label[@class='choice'][span='2']")).click();
        browser.findElement(By.id("comment")).sendKeys("Billing charged us twice");
        clickAndWait(By.cssSelector("button[type=submit]"), ".message");
        String caseId = (String) database.query(Sql.of("SELECT c.case_id FROM cases c JOIN surveys s ON s.response_id = c.response_id"
                + " WHERE s.comment = ?", "Billing charged us twice")).get(0).get("case_id");

        logIn("ana@example.com");
        browser.get(base + "/cases?status=open");
        waitFor("table.cases");
        List<String> shown = browser.findElements(By.cssSelector("table.cases tbody tr td:first-child a")).stream().map(WebElement::getText).toList();
        assertThat(shown).contains(caseId);
        assertThat(accessibilityViolations()).as("cases").isEmpty();
        screenshot("cases");
        clickAndWait(By.linkText(caseId), ".case-facts");
        assertThat(browser.findElement(By.cssSelector("blockquote.verbatim")).getText()).isEqualTo("Billing charged us twice");
        assertThat(facts()).containsEntry("Status", "open").containsEntry("Score", "2 of 10").containsEntry("Root cause", "–");
        assertThat(browser.getPageSource()).contains("The account's recent tickets");
        assertThat(browser.findElements(By.xpath("//h2[.='Alerts to the owner']/following-sibling::div[1]//tbody/tr/td")).stream()
                .map(WebElement::getText).toList()).as("the webhook alert, waiting for its secret")
                .startsWith("webhook", "http://127.0.0.1:9/pulse-alerts").last().asString()
                .contains("the environment variable PULSE_BROWSER_TEST_SECRET_NOT_SET (the signing secret) is not set");
        assertThat(accessibilityViolations()).as("case").isEmpty();
        screenshot("case-open");

        // contacted, with a note
        new Select(browser.findElement(By.name("status"))).selectByValue("contacted");
        browser.findElement(By.name("note")).sendKeys("Called; a credit for the double charge is on its way");
        clickAndWait(By.cssSelector("form.case-form button"), ".case-facts");
        assertThat(facts()).containsEntry("Status", "contacted");
        assertThat(facts().get("First contacted")).isNotEqualTo("–");

        // resolved: without a root cause it is refused with the reason, then saved with one
        new Select(browser.findElement(By.name("status"))).selectByValue("resolved");
        clickAndWait(By.cssSelector("form.case-form button"), "p.error");
        assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("a resolved case needs a root cause (one of");
        assertThat(facts()).containsEntry("Status", "contacted");
        new Select(browser.findElement(By.name("status"))).selectByValue("resolved");
        new Select(browser.findElement(By.name("root_cause"))).selectByValue("billing");
        clickAndWait(By.cssSelector("form.case-form button"), ".case-facts");
        assertThat(facts()).containsEntry("Status", "resolved").containsEntry("Root cause", "billing");
        assertThat(browser.findElements(By.cssSelector("form.case-form"))).as("a closed case has no more moves").isEmpty();
        List<String> history = browser.findElements(By.xpath("//h2[.='History']/following-sibling::div[1]//tbody/tr/td[3]")).stream()
                .map(WebElement::getText).toList();
        assertThat(history).containsExactly("open", "open → contacted", "contacted → resolved");
        assertThat(browser.getPageSource()).contains("Called; a credit for the double charge is on its way");
        screenshot("case-resolved");
        JsonNode api = JSON.readTree(get("/api/cases?status=resolved"));
        assertThat(api.findValuesAsText("case_id")).contains(caseId);
        logOut();

        // the account's partner sees the case; another partner neither finds it in the list nor by its address
        logIn("socio@example.com");
        browser.get(base + "/cases");
        waitFor("h1");
        assertThat(browser.findElements(By.linkText(caseId))).hasSize(1);
        browser.get(base + "/cases/" + caseId);
        assertThat(browser.findElement(By.cssSelector("blockquote.verbatim")).getText()).isEqualTo("Billing charged us twice");
        assertThat(browser.findElements(By.xpath("//h2[.='Alerts to the owner']/following-sibling::div[1]//tbody/tr/td[2]")).stream()
                .map(WebElement::getText).toList()).as("the operator's webhook address is not a partner's to see").containsOnly("–");
        logOut();
        logIn("otro@example.com");
        browser.get(base + "/cases");
        waitFor("h1");
        assertThat(browser.findElements(By.linkText(caseId))).isEmpty();
        browser.get(base + "/cases/" + caseId);
        assertThat(browser.getPageSource()).doesNotContain("Billing charged us twice");
        assertThat(JSON.readTree(get("/api/cases")).findValuesAsText("case_id")).doesNotContain(caseId);
        browser.get(base + "/cases");
        logOut();
    }

    private static Map<String, String> facts() {
        List<WebElement> terms = browser.findElements(By.cssSelector(".case-facts dt"));
        List<WebElement> values = browser.findElements(By.cssSelector(".case-facts dd"));
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            facts.put(terms.get(i).getText(), values.get(i).getText());
        }
        return facts;
    }

    /** A GET with the browser's session, as a script of the page would make it. */
    private static String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", "pulse_session=" + browser.manage().getCookieNamed("pulse_session").getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static WebElement active() {
        return browser.switchTo().activeElement();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /**
     * Clicks what sends the page away and waits for the next page's {@code css}: the old page must be gone
     * first, as the same element (the case's facts, a message, the login page's h1) is on both. The old page
     * is marked with a script variable a new document does not have; asking an element of the old document
     * whether it is stale fails in Chromium while the navigation is under way ("Node with given id does not
     * belong to the document"), so errors of a page in transit are retried, not taken as the answer.
     */
    private static void clickAndWait(By what, String css) {
        js("window.pulseOldPage = true;");
        browser.findElement(what).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                        "return document.readyState === 'complete' && window.pulseOldPage === undefined;")));
        waitFor(css);
    }

    private static void logIn(String email) {
        browser.get(base + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.login-form button[type=submit]")).click();
        // the login page has an h1 too: wait for what only a logged-in page has, or the next get races the session cookie
        waitFor("form[action='/logout'] button");
    }

    private static void logOut() {
        clickAndWait(By.cssSelector("form[action='/logout'] button"), "#email");
    }

    private static void waitFor(String css) {
        TestDashboardInBrowser.waitFor(browser, css);
    }

    private static List<String> accessibilityViolations() throws Exception {
        return TestDashboardInBrowser.accessibilityViolations(browser);
    }

    /** The page at the window's width, and at the other of 375 and 1280 px. */
    private static void screenshot(String name) throws Exception {
        Path folder = Path.of(System.getProperty("pulse.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        Dimension size = browser.manage().window().getSize();
        for (int width : new int[]{1280, 375}) {
            browser.manage().window().setSize(new Dimension(width, 1400));
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), folder.resolve(name + "-" + width + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        browser.manage().window().setSize(size);
    }
}
