package org.vanguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.people.AccountAdministration;
import org.vanguard.hub.people.Role;

/**
 * The console in a real headless Chromium (Debian's chromium and chromedriver, driven by Selenium; nothing is
 * downloaded): an IG officer signs in, reads the agreements, approves a draft as both parties, asks what if, finds a
 * decision in the audit and opens its explanation; other roles get the 403 page; every page passes an axe-core
 * check with no serious or critical violation; and the console's security holds (sign-in page without a session,
 * CSRF, escaped titles, certificates and sessions each opening only their own port).
 */
@TestPropertySource(properties = {
        "hub.console.port=0",
        "hub.security.bootstrap-admin.username=ida-officer",
        "hub.security.bootstrap-admin.password=" + ConsoleIT.PASSWORD})
class ConsoleIT extends HubIntegrationTest {

    static final String PASSWORD = "ida's long console passphrase";
    private static final String DRAFT_ID = "ISA-CH001-RAC-DC";
    private static final String XSS_ID = "ISA-XSS-TEST";
    private static final String NHS = "9434765919";
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private static WebDriver browser;
    private static Path agreementsDir;

    @Autowired
    ConsoleConnector console;

    @Autowired
    AccountAdministration accounts;

    @DynamicPropertySource
    static void agreementFiles(DynamicPropertyRegistry registry) {
        agreementsDir = copyOfDemoAgreements();
        try {
            Files.writeString(agreementsDir.resolve("isa-ch001-rac-dc.yaml"), org.vanguard.hub.DraftAgreements.careHomeToAcute(DRAFT_ID,
                    "Rosewood Care Home and Riverside Acute - direct care on admission"));
            Files.writeString(agreementsDir.resolve("isa-xss.yaml"), org.vanguard.hub.DraftAgreements.careHomeToAcute(XSS_ID, "<script>alert(1)</script> Tricky draft"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.governance.agreements", () -> "file:" + agreementsDir + "/*.yaml");
    }

    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors",
                "--window-size=1366,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.get(url("/console/sign-in"));
        browser.manage().deleteAllCookies();
    }

    private String url(String path) {
        return "https://localhost:" + console.port() + path;
    }

    private void signIn(String username, String password) {
        browser.get(url("/console/sign-in"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("sign-in")));
    }

    private void open(String path) {
        browser.get(url(path));
    }

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    @Test
    @DisplayName("an IG officer signs in, approves a draft agreement as both parties, asks what if, and reads a decision's explanation in the audit")
    void anIgOfficersDay() throws Exception {
        as("CH001").post("/fhir/$process-message", FHIR_JSON, demoMessage());
        awaitDispatched();

        signIn("ida-officer", PASSWORD);
        assertThat(heading()).contains("ida-officer");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Reviews due", "Agreements", "What if", "Audit");
        checkAccessibility("home");
        screenshot("home");

        open("/console/agreements");
        List<WebElement> rows = browser.findElements(By.cssSelector("#agreements tbody tr"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser.findElement(By.id("agreements")).getText()).contains(DRAFT_ID, "draft", "ISA-CH001-G81001-DC", "active");
        checkAccessibility("agreements");
        screenshot("agreements");

        open("/console/agreements/" + DRAFT_ID);
        assertThat(browser.findElement(By.id("flows")).getText()).contains("Rosewood Care Home (CH001)", "(RAC)", "TREAT",
                "6(1)(e) public task", "Identifiability: identifiable");
        checkAccessibility("agreement");
        screenshot("agreement");
        for (String party : List.of("CH001", "RAC")) {
            open("/console/agreements/" + DRAFT_ID);
            browser.findElement(By.linkText("Approve as " + party)).click();
            assertThat(heading()).contains("Confirm");
            checkAccessibility("confirm");
            browser.findElement(By.cssSelector("form.form button.primary")).click();
            assertThat(browser.findElement(By.cssSelector(".notice.ok")).getText()).contains("Approved " + DRAFT_ID);
        }
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("active");
        assertThat(browser.findElement(By.id("history")).getText()).contains("user:ida-officer", "approved for CH001", "approved for RAC");

        open("/console/what-if");
        new Select(browser.findElement(By.id("sender"))).selectByValue("CH001");
        new Select(browser.findElement(By.id("recipient"))).selectByValue("RAC");
        browser.findElement(By.id("nhsNumber")).sendKeys("1234567890");
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("nhsNumber-error")));
        assertThat(error.getText()).isNotBlank();
        browser.findElement(By.id("nhsNumber")).clear();
        browser.findElement(By.id("nhsNumber")).sendKeys(NHS);
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        WebElement answer = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("answer")));
        assertThat(answer.getText()).contains("Not shared", "Decided under agreement " + DRAFT_ID + " v1", "no legitimate relationship");
        checkAccessibility("what-if");
        screenshot("what-if");

        open("/console/audit?nhsNumber=" + NHS);
        List<WebElement> decisions = browser.findElements(By.cssSelector("#decisions tbody tr"));
        assertThat(decisions).isNotEmpty();
        WebElement why = decisions.get(0).findElement(By.cssSelector("details.explanation"));
        why.findElement(By.tagName("summary")).click();
        assertThat(why.getAttribute("open")).isNotNull();
        assertThat(why.findElement(By.tagName("ul")).getText()).isNotBlank();
        checkAccessibility("audit");
        screenshot("audit");

        browser.findElement(By.cssSelector(".who button")).click();
        assertThat(browser.getCurrentUrl()).contains("/console/sign-in");

        String admin = as("RCP").signedInAs("ida-officer", PASSWORD).get("/admin/audit?kind=ADMIN&limit=1000").body();
        assertThat(admin).contains("console.sign-in", "console.sign-out", "agreement.approve", "user:ida-officer");
        assertThat(asOfficer().get("/admin/audit/verify").body()).contains("\"intact\":true");
    }

    @Test
    @DisplayName("an operator and an MDT member are shown the 403 page for IG officers' pages")
    void otherRolesAreRefusedIgPages() throws Exception {
        accounts.create("olga-operator", "olga's long password", EnumSet.of(Role.OPERATOR), Optional.empty(), "test");
        accounts.create("mo-mdt", "mo's long password here", EnumSet.of(Role.MDT_MEMBER), Optional.of(OdsCode.of("MDT01")), "test");
        for (String[] person : List.of(new String[] {"olga-operator", "olga's long password"},
                new String[] {"mo-mdt", "mo's long password here"})) {
            browser.manage().deleteAllCookies();
            signIn(person[0], person[1]);
            checkAccessibility("home as " + person[0]);
            for (String page : List.of("/console/agreements", "/console/what-if", "/console/audit", "/console/agreements/" + DRAFT_ID)) {
                open(page);
                assertThat(heading()).as(person[0] + " at " + page).isEqualTo("This page is not for your role");
            }
            checkAccessibility("403 page");
            ConsoleSession session = ConsoleSession.signIn(this, person[0], person[1]);
            HttpResponse<String> refused = session.get("/console/agreements");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        }
    }

    @Test
    @DisplayName("without a session the console shows its sign-in page, and a wrong password is refused there and audited")
    void noSessionMeansSignIn() throws Exception {
        open("/console/agreements");
        assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
        assertThat(heading()).isEqualTo("Sign in");
        checkAccessibility("sign-in");
        browser.findElement(By.id("username")).sendKeys("ida-officer");
        browser.findElement(By.id("password")).sendKeys("not her password");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".notice.error")).getText()).contains("Sign-in refused");
        assertThat(jdbc.queryForObject("select count(*) from audit_decision where actor = 'user:ida-officer' and event_kind = 'ADMIN'"
                + " and explanation like '%refused a sign-in%'", Integer.class)).isPositive();

        HttpResponse<String> anonymous = new ConsoleSession(this).get("/console");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/console/sign-in"));
    }

    @Test
    @DisplayName("a form posted without its CSRF token is refused with 403, and the pages carry a strict Content-Security-Policy and a Secure, HttpOnly, SameSite=Lax cookie")
    void csrfAndHeaders() throws Exception {
        ConsoleSession session = ConsoleSession.signIn(this, "ida-officer", PASSWORD);
        HttpCookie cookie = session.cookie();
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(session.setCookieHeader()).containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> forged = session.postWithoutToken("/console/agreements/ISA-CH001-G81001-DC/suspend", "reason=forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(asOfficer().get("/admin/agreements/ISA-CH001-G81001-DC").body()).contains("\"status\":\"active\"");

        HttpResponse<String> page = session.get("/console/agreements");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleSecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    @DisplayName("an agreement title holding a script is shown as text, never run")
    void titlesAreEscaped() throws Exception {
        signIn("ida-officer", PASSWORD);
        open("/console/agreements");
        assertThat(browser.findElement(By.id("agreements")).getText()).contains("<script>alert(1)</script> Tricky draft");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        open("/console/agreements/" + XSS_ID);
        assertThat(heading()).isEqualTo("<script>alert(1)</script> Tricky draft");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        String html = ConsoleSession.signIn(this, "ida-officer", PASSWORD).get("/console/agreements/" + XSS_ID).body();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; Tricky draft").doesNotContain("<script>alert(1)");
    }

    @Test
    @DisplayName("a provider certificate does not open the console, the console serves no API path, and a console session does not open the admin API")
    void eachPortOpensOnlyItsOwn() throws Exception {
        HttpResponse<String> withCertificate = org.vanguard.hub.HubClient.of(dataDir.resolve("pki/participants/CH001.p12"),
                caPem(), console.port()).get("/console/agreements");
        assertThat(withCertificate.statusCode()).isEqualTo(302);
        assertThat(org.vanguard.hub.HubClient.of(dataDir.resolve("pki/officers/ig-officer.p12"), caPem(), console.port())
                .get("/console").statusCode()).isEqualTo(302);

        ConsoleSession session = ConsoleSession.signIn(this, "ida-officer", PASSWORD);
        for (String api : List.of("/admin/agreements", "/fhir/metadata", "/mailbox/messages", "/.well-known/jwks.json")) {
            assertThat(session.get(api).statusCode()).as(api + " on the console port").isEqualTo(403);
        }
        HttpResponse<String> cookieOnProviderPort = as("RCP").get("/admin/agreements", "Cookie",
                "HUB_CONSOLE=" + session.cookie().getValue());
        assertThat(cookieOnProviderPort.statusCode()).isEqualTo(403);
        assertThat(cookieOnProviderPort.body()).contains("sign in with an account");
    }

    private void checkAccessibility(String page) throws IOException {
        String axe;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        Object found = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        assertThat((List<?>) found).as("serious or critical accessibility violations on " + page).isEmpty();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** A browser-less console session over HTTPS (trusting only the hub's CA), for status codes and headers. */
    static final class ConsoleSession {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

        private final ConsoleIT test;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;
        private String setCookie = "";

        ConsoleSession(ConsoleIT test) throws Exception {
            this.test = test;
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(test.caPem())) {
                trust.setCertificateEntry("hub-ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            managers.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, managers.getTrustManagers(), null);
            http = HttpClient.newBuilder().sslContext(ssl).cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }

        static ConsoleSession signIn(ConsoleIT test, String username, String password) throws Exception {
            ConsoleSession session = new ConsoleSession(test);
            String token = session.token("/console/sign-in");
            HttpResponse<String> signedIn = session.post("/console/sign-in", "username=" + encode(username) + "&password="
                    + encode(password) + "&_csrf=" + encode(token));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/console"));
            session.setCookie = String.join("\n", signedIn.headers().allValues("Set-Cookie"));
            return session;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(test.url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(test.url(path)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postWithoutToken(String path, String form) throws Exception {
            return post(path, form);
        }

        String token(String page) throws Exception {
            Matcher matcher = CSRF.matcher(get(page).body());
            assertThat(matcher.find()).as("a CSRF token on " + page).isTrue();
            return matcher.group(1);
        }

        HttpCookie cookie() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("HUB_CONSOLE")).findFirst()
                    .orElseThrow();
        }

        String setCookieHeader() {
            return setCookie;
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
