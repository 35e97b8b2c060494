package vn.danvan.statistics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackOverdue;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * The dashboard in a real headless Chromium against the real service: the projection fed from the real broker and the
 * SSE stream. An officer of Đà Nẵng picks the city, a feedback item arrives on {@code danvan.feedback.v1}, and the
 * "received" figure on screen goes up without a reload. Screenshots go to {@code target/dashboard-screenshots/}.
 * Needs /usr/bin/chromium and /usr/bin/chromedriver; {@code DANVAN_SKIP_BROWSER=true} skips it (see {@link Browser}).
 */
@DashboardIntegrationTest
@DisabledIfEnvironmentVariable(
        named = Browser.SKIP,
        matches = "(?i)true",
        disabledReason = "DANVAN_SKIP_BROWSER=true: the browser tests are skipped on request")
@DisabledIfSystemProperty(
        named = "danvan.skip.browser",
        matches = "(?i)true",
        disabledReason = "-Ddanvan.skip.browser=true: the browser tests are skipped on request")
class DashboardBrowserTest {

    private static final String PROVINCE = "48"; // Thành phố Đà Nẵng
    private static final String COMMUNE = "20194"; // Phường Hải Vân, in Đà Nẵng
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final String RECEIVED = "[data-metric='feedback.received'] .value";
    private static final String OVERDUE_NOW = "[data-metric='feedback.overdueNow'] .value";
    /** Where the pages record what their Content-Security-Policy refused (session storage). */
    private static final String VIOLATIONS = "danvan.test.csp-violations";

    /** The five charts, by their canvases' ids. */
    private static final java.util.List<String> CHARTS = java.util.List.of(
            "chart-by-kind", "chart-by-status", "chart-on-time", "chart-by-channel", "chart-by-category");
    /** A date with its four-digit year, as 05/12/2026. */
    private static final String FOUR_DIGIT_DATE = "\\d{2}/\\d{2}/\\d{4}";

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    EventSerializer serializer;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
        // before any script of every page: what the page's Content-Security-Policy refuses is recorded in this tab's
        // storage, which outlives the sign-in's round trip to the provider
        browser.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "document.addEventListener('securitypolicyviolation', (e) => {"
                                + " const seen = JSON.parse(sessionStorage.getItem('" + VIOLATIONS + "') ?? '[]');"
                                + " seen.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':'"
                                + " + e.lineNumber);"
                                + " sessionStorage.setItem('" + VIOLATIONS + "', JSON.stringify(seen)); });"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Each test starts as a first visit: no language or unit remembered from the other test. */
    @BeforeEach
    void forgetEarlierChoices() {
        browser.get(base() + "/dashboard/dashboard.css");
        js("window.localStorage.clear(); window.sessionStorage.clear();");
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
    }

    /**
     * Every request of the page carries an officer's bearer token, as after signing in: the overdue list is an
     * officer's, within their unit's scope.
     */
    private static void signInAs(String officer, String unit, String role) {
        String token = TestIdentityProvider.shared().token(officer, unit, role);
        browser.executeCdpCommand(
                "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + token)));
        // the page's own session too, as its sign-in leaves it: it asks for the overdue list only when signed in
        js(
                "sessionStorage.setItem('danvan.dashboard.session',"
                        + " JSON.stringify({token: arguments[0], expiresAt: Date.now() + 600000}));",
                token);
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (browser != null) {
            save(test.getTestMethod().orElseThrow().getName());
        }
    }

    /** Whatever the test did, the page's policy refused nothing the page itself loads or does. */
    @AfterEach
    void noContentSecurityPolicyViolations() {
        if (browser != null) {
            assertThat(violations())
                    .as("what the Content-Security-Policy refused")
                    .isEmpty();
        }
    }

    @Test
    void aNewFeedbackItemRaisesTheReceivedFigureOnScreenWithoutAReload() throws Exception {
        signInAs("can-bo-tp-da-nang", PROVINCE, "PROVINCE_OFFICER");
        browser.get(base() + "/dashboard");
        awaitReady();

        // the officer picks Đà Nẵng in the unit picker; its communes become pickable below it
        int loads = loads();
        new Select(browser.findElement(By.id("unit-level-0"))).selectByValue(PROVINCE);
        wait(Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#unit-level-1 option[value='" + COMMUNE + "']")));
        awaitLoadsAfter(loads);
        awaitLive();
        assertThat(browser.findElement(By.id("scope-title")).getText()).startsWith("Thành phố Đà Nẵng");
        assertThat(browser.getCurrentUrl()).contains("unit=" + PROVINCE);
        long received = number(text(RECEIVED));
        // marks this page load: a reload would lose it
        js("window.__sameDocument = 'yes';");

        String item = publishReceived(COMMUNE);

        wait(Duration.ofSeconds(20)).until(d -> number(text(RECEIVED)) == received + 1);
        assertThat(js("return window.__sameDocument;")).isEqualTo("yes");
        // then the page refetches what the new item changed: the commune's row, the inactive units, the charts
        wait(Duration.ofSeconds(20)).until(d -> "1".equals(text("#children-table tr[data-unit='" + COMMUNE + "'] td")));
        wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#inactive-list li[data-unit='" + COMMUNE + "']"))
                        .isEmpty());
        assertThat(browser.findElement(By.id("chart-by-kind")).getDomAttribute("aria-description"))
                .contains("Phản ánh");
        assertThat(browser.findElement(By.cssSelector("#chart-by-kind + .chart-empty"))
                        .isDisplayed())
                .isFalse();
        wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("live-text")).getText().startsWith("Trực tiếp"));
        // the province officer sees the overdue list (none yet), not the notice for callers outside the scope
        assertThat(browser.findElements(By.cssSelector("#overdue-list [data-restricted]")))
                .isEmpty();
        save("da-nang-after-a-new-item-1280");

        // the item misses its deadline: it joins the overdue list under its commune, by id only
        long overdue = number(text(OVERDUE_NOW));
        publishOverdue(item, COMMUNE);
        wait(Duration.ofSeconds(20)).until(d -> number(text(OVERDUE_NOW)) == overdue + 1);
        By commune = By.cssSelector("#overdue-list details[data-unit='" + COMMUNE + "']");
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(commune));
        // the officer opens the commune's entry (a live refresh may redraw it meanwhile: then click the new one)
        wait(Duration.ofSeconds(10)).until(d -> {
            d.findElement(commune).findElement(By.tagName("summary")).click();
            return true;
        });
        wait(Duration.ofSeconds(5)).until(d -> d.findElement(commune)
                .findElement(By.cssSelector("tbody code"))
                .isDisplayed());
        assertThat(text("#overdue-list details[data-unit='" + COMMUNE + "'] tbody code"))
                .isEqualTo(item);
        assertThat(text("#overdue-list details[data-unit='" + COMMUNE + "'] summary"))
                .startsWith("Phường Hải Vân");
        // its deadline with the year in full: "14:03:05 05/12/2026"
        assertThat(text("#overdue-list details[data-unit='" + COMMUNE + "'] tbody td:nth-child(3)"))
                .matches(".*" + FOUR_DIGIT_DATE + ".*");
        save("da-nang-overdue-1280");

        // the same page on a phone: nothing wider than the screen
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        try {
            wait(Duration.ofSeconds(5))
                    .until(d -> ((Number) js("return document.documentElement.scrollWidth;")).intValue() <= 390);
            save("da-nang-phone-390");
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void theStreamReconnectsByItselfAndTheFiguresStayLive() throws Exception {
        signInAs("can-bo-tp-da-nang", PROVINCE, "PROVINCE_OFFICER");
        browser.get(base() + "/dashboard?unit=" + PROVINCE);
        awaitReady();
        awaitLive();
        // the server ended the first stream (after 4 s in these tests); the browser opened a new one by itself
        wait(Duration.ofSeconds(20)).until(d -> opens() >= 2);
        long received = number(text(RECEIVED));
        int opens = opens();

        publishReceived(COMMUNE);

        wait(Duration.ofSeconds(20)).until(d -> number(text(RECEIVED)) == received + 1);
        // and it goes on reconnecting
        wait(Duration.ofSeconds(20)).until(d -> opens() > opens);
        publishReceived(COMMUNE);
        wait(Duration.ofSeconds(20)).until(d -> number(text(RECEIVED)) == received + 2);
    }

    @Test
    void aCommuneOfficerPicksTheirCommuneThenAQuarterComparedWithAYearEarlierThenTheTerm() throws IOException {
        signInAs("can-bo-phuong-hai-van", COMMUNE, "COMMUNE_OFFICER");
        browser.get(base() + "/dashboard?unit=" + PROVINCE);
        awaitReady();

        int loads = loads();
        new Select(browser.findElement(By.id("unit-level-1"))).selectByValue(COMMUNE);
        awaitLoadsAfter(loads);
        assertThat(browser.findElement(By.id("scope-title")).getText()).startsWith("Phường Hải Vân · Năm ");
        assertThat(browser.getCurrentUrl()).contains("unit=" + COMMUNE);

        loads = loads();
        new Select(browser.findElement(By.id("period-kind"))).selectByValue("quarter");
        awaitLoadsAfter(loads);
        String quarter = new Select(browser.findElement(By.id("period-part")))
                .getFirstSelectedOption()
                .getText(); // the current quarter, e.g. "Quý 4"
        String year = new Select(browser.findElement(By.id("period-year")))
                .getFirstSelectedOption()
                .getText();
        assertThat(browser.findElement(By.id("scope-title")).getText())
                .isEqualTo("Phường Hải Vân · " + quarter + "/" + year);

        loads = loads();
        browser.findElement(By.cssSelector("input[name='compare'][value='year']"))
                .click();
        awaitLoadsAfter(loads);
        assertThat(browser.findElement(By.id("compared-with")).getText())
                .isEqualTo("So với " + quarter + "/" + (Integer.parseInt(year) - 1));
        assertThat(browser.getCurrentUrl()).contains("compare=year");

        loads = loads();
        new Select(browser.findElement(By.id("period-kind"))).selectByValue("term");
        awaitLoadsAfter(loads);
        assertThat(browser.getCurrentUrl()).contains("period=term%3A2025-2030");
        assertThat(browser.findElement(By.id("scope-title")).getText())
                .isEqualTo("Phường Hải Vân · Nhiệm kỳ 2025–2030");
    }

    @Test
    void anOfficerSignsInWithTheCodeFlowAndPkceAndThenSeesTheOverdueList() throws IOException {
        TestIdentityProvider.shared().signInNextAs("can-bo-tp-da-nang", PROVINCE, "PROVINCE_OFFICER");
        browser.get(base() + "/dashboard/?unit=" + PROVINCE + "&period=2026");
        awaitReady();
        // anonymous: public figures, and the notice instead of the overdue list
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#overdue-list [data-restricted]"))
                .isEmpty());

        browser.findElement(By.id("sign-in")).click();

        // to the provider (which refuses a request without an S256 challenge) and back; the code is exchanged with
        // the verifier only this tab knows, and the page's own address comes back without the code
        wait(Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("signed-in-as")).getText().contains("can-bo-tp-da-nang"));
        awaitReady();
        assertThat(browser.getCurrentUrl()).doesNotContain("code=").contains("unit=" + PROVINCE);
        wait(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#overdue-list [data-restricted]"))
                .isEmpty());
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
        save("signed-in-1280");

        browser.findElement(By.id("sign-out")).click();
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#overdue-list [data-restricted]"))
                .isEmpty());
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEmpty();
    }

    @Test
    void aTokenTheServicesRefuseIsDroppedAndThePublicFiguresStillShow() {
        // kept from a session the provider no longer honours (its keys changed, the token was revoked)
        js(
                "sessionStorage.setItem('danvan.dashboard.session', JSON.stringify({token:"
                        + " 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW4tYm8tY3UifQ.c2lnbmF0dXJl', expiresAt: Date.now() + 600000}));");
        browser.get(base() + "/dashboard/?unit=" + PROVINCE + "&period=2026");

        awaitReady();
        assertThat(number(text(RECEIVED))).isGreaterThanOrEqualTo(0);
        WebElement notice = browser.findElement(By.id("notice"));
        assertThat(notice.isDisplayed()).isTrue();
        assertThat(notice.getText()).contains("đăng nhập lại");
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEmpty();
        assertThat(js("return sessionStorage.getItem('danvan.dashboard.session');"))
                .isNull();
    }

    @Test
    void anAddressWithAPeriodThePickersCannotShowOpensTheCurrentYear() {
        browser.get(base() + "/dashboard/?unit=" + PROVINCE + "&period=2026-13");
        awaitReady();

        String year = String.valueOf(
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getYear());
        assertThat(browser.getCurrentUrl()).contains("period=" + year).doesNotContain("2026-13");
        assertThat(new Select(browser.findElement(By.id("period-kind")))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo("year");
        // and the officer is told why the page shows something else than the link asked for
        assertThat(browser.findElement(By.id("notice")).getText())
                .contains("“2026-13”")
                .contains("Năm " + year);
    }

    @Test
    void anAddressWithAUnitThatDoesNotExistSaysSoAndShowsTheFirstProvince() {
        browser.get(base() + "/dashboard/?unit=99999");
        awaitReady();

        String notice = browser.findElement(By.id("notice")).getText();
        assertThat(notice).contains("Không có đơn vị mã “99999”").doesNotContain("404");
        assertThat(browser.getCurrentUrl()).doesNotContain("99999");
    }

    @Test
    void aDayCanBePickedAndItsFiguresShow() {
        browser.get(base() + "/dashboard/?unit=" + PROVINCE + "&period=2026");
        awaitReady();
        int loads = loads();

        new Select(browser.findElement(By.id("period-kind"))).selectByValue("day");

        awaitLoadsAfter(loads);
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        assertThat(browser.getCurrentUrl()).contains("period=" + today);
        assertThat(browser.findElement(By.id("period-day")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("period-year")).isDisplayed()).isFalse();
        assertThat(number(text(RECEIVED))).isGreaterThanOrEqualTo(0);
        // an address with a day opens on it
        browser.get(base() + "/dashboard/?unit=" + PROVINCE + "&period=2026-01-15");
        awaitReady();
        assertThat(browser.findElement(By.id("scope-title")).getText()).endsWith("15/1/2026");
    }

    @Test
    void theEnglishSwitchChangesTheLabels() throws IOException {
        browser.get(base() + "/dashboard/?unit=" + PROVINCE);
        awaitReady();
        assertThat(text("[data-metric='feedback.received'] h3")).isEqualTo("Tiếp nhận");
        // dd/MM/yyyy, never the short style's two-digit year
        assertThat(text("#as-of")).matches("Số liệu tính đến .*" + FOUR_DIGIT_DATE + ".*");
        assertThat(browser.findElement(By.id("figures-heading")).getText()).isEqualTo("Số liệu chính");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("vi");

        browser.findElement(By.id("lang-en")).click();

        wait(Duration.ofSeconds(5)).until(d -> "Received".equals(text("[data-metric='feedback.received'] h3")));
        assertThat(text("#as-of")).matches("Figures as of .*" + FOUR_DIGIT_DATE + ".*");
        assertThat(browser.findElement(By.id("figures-heading")).getText()).isEqualTo("Headline figures");
        assertThat(browser.findElement(By.id("overdue-heading")).getText()).isEqualTo("Overdue feedback by unit");
        assertThat(new Select(browser.findElement(By.id("period-kind")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Year");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("en");
        assertThat(browser.findElement(By.id("lang-en")).getDomAttribute("aria-pressed"))
                .isEqualTo("true");
        assertThat(browser.getCurrentUrl()).contains("lang=en");
        // the report table of what is on screen, in the page's language, one click away
        String csv = browser.findElement(By.id("export-csv")).getDomAttribute("href");
        assertThat(csv).contains("unit=" + PROVINCE).contains("format=csv").contains("lang=en");
        assertThat(browser.findElement(By.id("export-xlsx")).getDomAttribute("href"))
                .contains("format=xlsx");
        String header = (String) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0]).then(r => r.text())"
                                + ".then(t => done(t.replace('\\uFEFF', '').split('\\n')[0]));",
                        csv);
        assertThat(header).contains("Unit code").doesNotContain("Mã đơn vị");
        // no officer signed in: the overdue list says who may see it, in English
        assertThat(text("#overdue-list [data-restricted]"))
                .isEqualTo("Only officers whose scope covers the chosen unit see this list.");
        save("english");

        browser.findElement(By.id("lang-vi")).click();
        wait(Duration.ofSeconds(5))
                .until(d -> d.findElement(By.id("figures-heading")).getText().equals("Số liệu chính"));
    }

    @Test
    void aPeriodWithNoFiguresShowsAMessageInEachChartInsteadOfEmptyAxes() {
        browser.get(base() + "/dashboard/?unit=" + PROVINCE + "&period=2016");
        awaitReady();

        for (String chart : CHARTS) {
            WebElement message = browser.findElement(By.cssSelector("#" + chart + " + .chart-empty"));
            assertThat(message.isDisplayed()).as(chart).isTrue();
            assertThat(message.getText()).as(chart).isEqualTo("Chưa có số liệu");
            assertThat(browser.findElement(By.id(chart)).isDisplayed())
                    .as(chart)
                    .isFalse();
        }
        browser.findElement(By.id("lang-en")).click();
        wait(Duration.ofSeconds(5)).until(d -> "No data yet".equals(text("#chart-by-status + .chart-empty")));
    }

    @Test
    void thePageRunsUnderAPolicyThatRefusesInlineScripts() {
        browser.get(base() + "/dashboard/?unit=" + PROVINCE);
        awaitReady();

        // what an injected script would do: the browser refuses to run it, and says so
        Object ran = js("const s = document.createElement('script'); s.textContent = 'window.__injected = true;';"
                + " document.head.append(s); return window.__injected === true;");

        assertThat(ran).isEqualTo(false);
        wait(Duration.ofSeconds(5)).until(d -> violations().stream().anyMatch(v -> v.startsWith("script-src")));
        js("sessionStorage.removeItem(arguments[0]);", VIOLATIONS); // expected: not the page's own
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** What the Content-Security-Policy refused in this tab so far (directive, address, where). */
    @SuppressWarnings("unchecked")
    private static java.util.List<String> violations() {
        Object seen = js("return JSON.parse(sessionStorage.getItem(arguments[0]) ?? '[]');", VIOLATIONS);
        return (java.util.List<String>) seen;
    }

    /** A new item of the commune, due in 10 days; returns its id. */
    private String publishReceived(String commune) throws Exception {
        String id = "fb-browser-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new FeedbackReceived(
                id,
                FeedbackKind.REPORT,
                Channel.WEB,
                "moi-truong",
                commune,
                now,
                commune,
                now.plus(Duration.ofDays(10)),
                null,
                null,
                null,
                null));
        return id;
    }

    /** The item missed its deadline for accepting it (an hour ago). */
    private void publishOverdue(String id, String commune) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new FeedbackOverdue(
                id,
                FeedbackKind.REPORT,
                Channel.WEB,
                "moi-truong",
                commune,
                now,
                "ACCEPTANCE",
                now.minus(Duration.ofHours(1))));
    }

    /** An event as feedback-intake's outbox relay publishes it: CloudEvents binary mode, keyed by the item. */
    private void publish(DomainEvent event) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                FeedbackEvents.STREAM.topic(),
                event.aggregateId(),
                serializer.toJson(event).getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.SOURCE, FeedbackEvents.STREAM.source());
        header(record, CloudEventHeaders.TYPE, EventStream.typeOf(event.getClass()));
        header(record, CloudEventHeaders.SUBJECT, event.aggregateId());
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestBackends.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
            producer.send(record).get();
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits, re-reading elements that a live refresh redrew meanwhile. */
    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * The text of an element as it is now, read in one step: the page redraws figures and tables on every live
     * refresh, so an element found a moment earlier may be gone.
     */
    private static String text(String css) {
        return (String)
                js("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", css);
    }

    /** The page loaded its figures without an error. */
    private static void awaitReady() {
        wait(Duration.ofSeconds(20)).until(d -> {
            String state = d.findElement(By.tagName("body")).getDomAttribute("data-state");
            if ("error".equals(state)) {
                throw new AssertionError("the dashboard shows an error: "
                        + d.findElement(By.id("error")).getText());
            }
            return "ready".equals(state);
        });
    }

    /** How often the page's EventSource has connected so far. */
    private static int opens() {
        String count = browser.findElement(By.tagName("body")).getDomAttribute("data-opens");
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** How often the page has loaded its figures so far. */
    private static int loads() {
        String count = browser.findElement(By.tagName("body")).getDomAttribute("data-loads");
        return count == null ? 0 : Integer.parseInt(count);
    }

    private static void awaitLoadsAfter(int loads) {
        wait(Duration.ofSeconds(20)).until(d -> loads() > loads);
        awaitReady();
    }

    /** The page's EventSource is connected. */
    private static void awaitLive() {
        wait(Duration.ofSeconds(20))
                .until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
    }

    private static Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** A figure as the page shows it in Vietnamese: 2.299 is two thousand two hundred and ninety-nine. */
    private static long number(String shown) {
        if (shown == null) {
            return -1;
        }
        return Long.parseLong(shown.replace(".", "").replace("\u00a0", "").trim());
    }

    /** The whole page, not only what the window shows, as a PNG under target/dashboard-screenshots/. */
    @SuppressWarnings("unchecked")
    private static void save(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Map<String, Object> size = (Map<String, Object>) js("return {width: document.documentElement.scrollWidth,"
                + " height: document.documentElement.scrollHeight};");
        Map<String, Object> shot = browser.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
