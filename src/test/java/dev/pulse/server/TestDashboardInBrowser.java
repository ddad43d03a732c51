package dev.pulse.server;

import dev.pulse.access.PasswordHasher;
import dev.pulse.access.Role;
import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.metrics.Catalogue;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard as a user meets it, in Debian's headless chromium (installed by tools/browser/install,
 * which ./test runs): log in, read the overview, filter, drill into a number, download its rows, log in
 * as a partner and see only its customers, log out; axe-core finds no serious accessibility violation on
 * any page. Screenshots at 1280 and 375 px go to target/screenshots (to docs/screenshots with
 * -Dpulse.screenshots=docs/screenshots).
 */
class TestDashboardInBrowser {
    private static final String PASSWORD = "a long enough password";
    @TempDir
    static Path temp;
    static Database database;
    static Javalin app;
    static String partner;
    static ChromeDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        new DemoDataGenerator(GeneratorOptions.standard(0.05)).generate(folder.data());
        PulseConfig config = PulseConfig.defaults();
        database = folder.open();
        folder.importInto(database, config);
        partner = (String) database.query(dev.pulse.engine.Sql.of("SELECT partner_id FROM accounts WHERE partner_id IS NOT NULL"
                + " GROUP BY partner_id ORDER BY count(*) DESC, partner_id LIMIT 1")).get(0).get("partner_id");
        UserStore users = new UserStore(database, new PasswordHasher(), TestingClock.CLOCK);
        users.add("test", "ana@example.com", Role.ANALYST, null, PASSWORD);
        users.add("test", "socio@example.com", Role.PARTNER, partner, PASSWORD);
        users.add("test", "vera@example.com", Role.VIEWER, null, PASSWORD);
        users.add("test", "root@example.com", Role.ADMIN, null, PASSWORD);
        // sessions expire by the real clock in a browser test: it has to last the test
        app = new PulseServer(database, config, Catalogue.standard(), users, Clock.systemUTC(), false).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        browser = startBrowser();
    }

    static ChromeDriver startBrowser() {
        Path driver = Path.of("/usr/bin/chromedriver");
        assertThat(driver).as("chromedriver (tools/browser/install installs Debian's chromium-driver)").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,2000", "--lang=en-US");
        // The browser is the user's, outside the program under test: under tools/test-any-date it keeps the real clock
        // (libfaketime preloaded into chromium slows it past every wait), while the server runs on the moved one.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .withEnvironment(java.util.Map.of("LD_PRELOAD", "", "FAKETIME", "")).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        app.stop();
        database.close();
    }

    private static void logIn(String email) {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).as("an anonymous visitor is sent to the login page").contains("/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.login-form button[type=submit]")).click();
        // the login page has an h1 too: wait for what only a logged-in page has, or the next get races the session cookie
        waitFor("form[action='/logout'] button");
    }

    private static void logOut() {
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        waitFor("#email");
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).as("after logout the dashboard asks for a login again").contains("/login");
    }

    private static void waitFor(String css) {
        waitFor(browser, css);
    }

    /** Waits up to 30 s for an element the CSS selector finds on the browser's page. */
    static void waitFor(ChromeDriver browser, String css) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    private static void chartsDrawn() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("[data-chart]")).stream()
                .allMatch(e -> "true".equals(e.getAttribute("data-drawn"))));
    }

    /** axe-core's serious and critical violations on the page (none expected). */
    private static List<String> accessibilityViolations() throws Exception {
        return accessibilityViolations(browser);
    }

    /** axe-core's serious and critical violations on the browser's page. */
    static List<String> accessibilityViolations(ChromeDriver browser) throws Exception {
        String axe;
        try (InputStream in = TestDashboardInBrowser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JavascriptExecutor js = browser;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations"
                + ".filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + ".map(function (v) { return v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes, e.g. ' + v.nodes[0].html + ')'; })); })"
                + ".catch(function (e) { done(['axe failed: ' + e]); });");
        @SuppressWarnings("unchecked") List<String> violations = (List<String>) result;
        return violations;
    }

    private static void screenshots(String name) throws Exception {
        Path folder = Path.of(System.getProperty("pulse.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        for (int width : new int[]{1280, 375}) {
            browser.manage().window().setSize(new Dimension(width, 2000));
            Thread.sleep(300); // the charts redraw on resize
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), folder.resolve(name + "-" + width + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        browser.manage().window().setSize(new Dimension(1280, 2000));
    }

    @Test
    void anAnalystReadsFiltersAndDrillsIntoANumberAndAPartnerSeesOnlyItsCustomers() throws Exception {
        logIn("ana@example.com");
        assertThat(browser.getTitle()).startsWith("Overview");
        String analystQuarter = browser.findElement(By.cssSelector("h1 .sub")).getText();
        List<WebElement> cards = browser.findElements(By.cssSelector(".kpi"));
        assertThat(cards).hasSizeGreaterThan(10);
        assertThat(browser.findElement(By.cssSelector(".kpi[data-metric=customer_nps] .value")).getText()).matches("-?\\d+\\.\\d.*");
        assertThat(browser.findElement(By.cssSelector(".kpi[data-metric=customer_nps] .interval")).getText()).startsWith("95 %:");
        chartsDrawn();
        assertThat(accessibilityViolations()).as("overview").isEmpty();
        screenshots("overview");

        // a filter: kept in the URL, shown on the page
        new Select(browser.findElement(By.name("segment"))).selectByIndex(1);
        String segment = new Select(browser.findElement(By.name("segment"))).getFirstSelectedOption().getText();
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitFor(".kpi");
        assertThat(browser.getCurrentUrl()).contains("segment=" + java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8));
        assertThat(browser.findElement(By.cssSelector(".chosen")).getText()).contains(segment);

        // a breakdown, and a number's rows
        browser.get(base + "/breakdown?metric=fcr&by=segment&period=2024-Q4");
        chartsDrawn();
        assertThat(accessibilityViolations()).as("breakdown").isEmpty();
        screenshots("breakdown");
        WebElement n = browser.findElement(By.cssSelector("table.values tbody tr td.num a"));
        String count = n.getText();
        n.click();
        waitFor("table.rows");
        assertThat(browser.findElement(By.cssSelector(".paging .count")).getText()).endsWith("of " + count);
        assertThat(accessibilityViolations()).as("rows").isEmpty();
        String csv = browser.findElement(By.cssSelector("a.download")).getAttribute("href");
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csv))
                .header("Cookie", "pulse_session=" + browser.manage().getCookieNamed("pulse_session").getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(download.body().lines().count()).as("header + the rows of the value").isEqualTo(Long.parseLong(count.replace(",", "")) + 1);

        browser.get(base + "/trend?metric=csat&grain=month");
        chartsDrawn();
        assertThat(accessibilityViolations()).as("trend").isEmpty();
        screenshots("trend");

        browser.get(base + "/voice");
        waitFor("table.values");
        assertThat(browser.findElements(By.cssSelector("table.values tbody tr"))).isNotEmpty();
        assertThat(accessibilityViolations()).as("voice").isEmpty();
        screenshots("voice");

        // the report, downloaded as the browser would (the link's URL, the session's cookie)
        browser.findElement(By.linkText("Reports")).click();
        waitFor("td.downloads a");
        assertThat(accessibilityViolations()).as("reports").isEmpty();
        String pdf = browser.findElements(By.cssSelector("td.downloads a")).stream().map(a -> a.getAttribute("href"))
                .filter(href -> href.endsWith(".pdf")).findFirst().orElseThrow();
        HttpResponse<byte[]> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdf))
                .header("Cookie", "pulse_session=" + browser.manage().getCookieNamed("pulse_session").getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(new String(report.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        logOut();

        // an admin: the admin page, a user added through it
        logIn("root@example.com");
        browser.findElement(By.linkText("Admin")).click();
        waitFor("form[action='/admin/users']");
        browser.findElement(By.cssSelector("form[action='/admin/users'] input[name=email]")).sendKeys("new.analyst@example.com");
        browser.findElement(By.cssSelector("form[action='/admin/users'] button")).click();
        waitFor(".done");
        assertThat(browser.findElement(By.cssSelector(".done")).getText()).contains("new.analyst@example.com");
        assertThat(accessibilityViolations()).as("admin").isEmpty();
        screenshots("admin");
        logOut();

        // a partner: its own customers only, the partner dimension shows its id alone
        logIn("socio@example.com");
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains(partner);
        browser.get(base + "/breakdown?metric=tickets&by=partner_id");
        waitFor("table.values");
        List<String> groups = browser.findElements(By.cssSelector("table.values tbody th")).stream().map(WebElement::getText).toList();
        assertThat(groups).isNotEmpty().allSatisfy(g -> assertThat(g).isIn(partner, "(none)"));
        browser.get(base + "/breakdown?metric=customer_nps&by=segment");
        chartsDrawn();
        screenshots("partner-breakdown");
        browser.get(base + "/");
        chartsDrawn();
        assertThat(browser.findElement(By.cssSelector("h1 .sub")).getText()).as("the partner's latest quarter, as the analyst's")
                .isEqualTo(analystQuarter);
        assertThat(accessibilityViolations()).as("partner overview").isEmpty();
        screenshots("partner-overview");
        logOut();

        // a viewer: values, no rows
        logIn("vera@example.com");
        browser.get(base + "/breakdown?metric=fcr&by=segment");
        waitFor("table.values");
        assertThat(browser.findElements(By.cssSelector("table.values a"))).isEmpty();
        browser.get(base + "/rows/tickets?metric=fcr");
        assertThat(browser.getPageSource()).contains("a viewer sees values and reports, not the rows behind them");
        browser.get(base + "/");
        logOut();
    }
}
