package org.vanguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.governance.GovernanceFlowIT;
import org.vanguard.hub.people.AccountAdministration;
import org.vanguard.hub.web.Role;

/**
 * The console in a real headless Chromium (Debian's chromium and chromedriver, driven by Selenium; nothing is
 * downloaded): an IG officer signs in, reads the agreements, approves a draft as both parties, asks what if, finds a
 * decision in the audit and opens its explanation; other roles get the 403 page; every page passes an axe-core
 * check with no serious or critical violation; and the console's security holds (sign-in page without a session,
 * CSRF, escaped titles, certificates and sessions each opening only their own port).
 */
@TestPropertySource(
        properties = {
            "hub.console.port=0",
            "hub.security.bootstrap-admin.username=ida-officer",
            "hub.security.bootstrap-admin.password=" + ConsoleIT.PASSWORD
        })
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class ConsoleIT extends HubIntegrationTest {

    static final String PASSWORD = "ida's long console passphrase";
    private static final String DRAFT_ID = "ISA-CH001-RAC-DC";
    private static final String XSS_ID = "ISA-XSS-TEST";
    private static final String NHS = "9434765919";

    private static ConsoleBrowser chromium;
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
            Files.writeString(
                    agreementsDir.resolve("isa-ch001-rac-dc.yaml"),
                    org.vanguard.hub.agreement.DraftAgreements.careHomeToAcute(
                            DRAFT_ID, "Rosewood Care Home and Riverside Acute - direct care on admission"));
            Files.writeString(
                    agreementsDir.resolve("isa-xss.yaml"),
                    org.vanguard.hub.agreement.DraftAgreements.careHomeToAcute(
                            XSS_ID, "<script>alert(1)</script> Tricky draft"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.governance.agreements", () -> "file:" + agreementsDir + "/*.yaml");
    }

    @BeforeAll
    static void startBrowser() {
        chromium = ConsoleBrowser.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
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
        chromium.signIn(url(""), username, password);
    }

    private void open(String path) {
        browser.get(url(path));
    }

    /** Waits for an element the page just submitted will show (a form post may return before the new page has loaded). */
    private WebElement shown(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    @Test
    @DisplayName(
            "an IG officer signs in, approves a draft agreement as both parties, asks what if, and reads a decision's explanation in the audit")
    void anIgOfficersDay() throws Exception {
        as("CH001").post("/fhir/$process-message", FHIR_JSON, demoMessage());
        awaitDispatched();

        signIn("ida-officer", PASSWORD);
        assertThat(heading()).contains("ida-officer");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Reviews due", "Agreements", "What if", "Audit");
        checkAccessibility("home");
        screenshot("home");

        open("/console/agreements");
        List<WebElement> rows = browser.findElements(By.cssSelector("#agreements tbody tr"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser.findElement(By.id("agreements")).getText())
                .contains(DRAFT_ID, "draft", "ISA-CH001-G81001-DC", "active");
        checkAccessibility("agreements");
        screenshot("agreements");

        open("/console/agreements/" + DRAFT_ID);
        assertThat(browser.findElement(By.id("flows")).getText())
                .contains(
                        "Rosewood Care Home (CH001)",
                        "(RAC)",
                        "TREAT",
                        "6(1)(e) public task",
                        "Identifiability: identifiable");
        checkAccessibility("agreement");
        screenshot("agreement");
        open("/console/agreements/" + DRAFT_ID);
        browser.findElement(By.linkText("Submit for approval")).click();
        assertThat(heading()).contains("Confirm");
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        assertThat(shown(By.cssSelector(".notice.ok")).getText()).contains("Submitted " + DRAFT_ID, "CH001", "RAC");
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("awaiting approval");
        for (String party : List.of("CH001", "RAC")) {
            open("/console/agreements/" + DRAFT_ID);
            browser.findElement(By.linkText("Approve as " + party)).click();
            assertThat(heading()).contains("Confirm");
            checkAccessibility("confirm");
            browser.findElement(By.cssSelector("form.form button.primary")).click();
            assertThat(shown(By.cssSelector(".notice.ok")).getText()).contains("Approved " + DRAFT_ID);
        }
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("active");
        assertThat(browser.findElement(By.id("history")).getText())
                .contains("user:ida-officer", "approved for CH001", "approved for RAC");

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
        assertThat(answer.getText())
                .contains("Not shared", "Decided under agreement " + DRAFT_ID + " v1", "no legitimate relationship");
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
        browser.findElement(By.id("verify")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verdict .notice")));
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("The chain is intact");
        HttpResponse<String> csv =
                ConsoleSession.signIn(this, "ida-officer", PASSWORD).get("/console/audit.csv?nhsNumber=" + NHS);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body().lines().findFirst())
                .hasValueSatisfying(header -> assertThat(header).startsWith("recorded_at,seq,"));
        assertThat(csv.body().lines().skip(1))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(NHS));

        browser.findElement(By.cssSelector(".who button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/sign-in"));

        String admin = as("RCP")
                .signedInAs("ida-officer", PASSWORD)
                .get("/admin/audit?kind=ADMIN&limit=1000")
                .body();
        assertThat(admin).contains("console.sign-in", "console.sign-out", "agreement.approve", "user:ida-officer");
        assertThat(asOfficer().get("/admin/audit/verify").body()).contains("\"intact\":true");
    }

    @Test
    @DisplayName(
            "an IG officer reviews a break-glass override: who, when and why in the queue, an outcome without a note refused, the review closed and audited")
    void breakGlassReview() throws Exception {
        String nhs = "9434765927";
        asOfficer()
                .post(
                        "/admin/objections",
                        "application/json",
                        GovernanceFlowIT.json("{'nhsNumber':'" + nhs + "','type':'shared-care-record'}"));
        HttpResponse<String> sent =
                as("CH001").post("/fhir/$process-message", FHIR_JSON, GovernanceFlowIT.breakGlassFor(nhs));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        awaitDispatched();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from override_review where nhs_number = ? and status = 'OPEN'",
                                Integer.class,
                                nhs)
                        > 0);

        signIn("ida-officer", PASSWORD);
        open("/console/reviews");
        WebElement queue = browser.findElement(By.id("reviews"));
        assertThat(queue.getText()).contains("Nurse Jo Bloggs", "unconscious", nhs, "in time");
        checkAccessibility("reviews");
        screenshot("reviews");
        queue.findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> row.getText().contains(nhs))
                .findFirst()
                .orElseThrow()
                .findElement(By.linkText("Review"))
                .click();
        browser.findElement(By.cssSelector("input[name=outcome][value=justified]"))
                .click();
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        assertThat(shown(By.id("note-error")).getText()).contains("'note' is required");
        checkAccessibility("review with an error");
        browser.findElement(By.id("note"))
                .sendKeys("Resident found unresponsive; the GP needed the plan. <script>alert('note')</script>");
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        assertThat(shown(By.cssSelector(".notice.ok")).getText()).contains("closed as justified");
        open("/console/reviews?status=closed");
        assertThat(browser.findElement(By.id("reviews")).getText()).contains(nhs, "justified", "user:ida-officer");
        browser.findElements(By.cssSelector("#reviews tbody tr")).stream()
                .filter(row -> row.getText().contains(nhs))
                .findFirst()
                .orElseThrow()
                .findElement(By.linkText("Open"))
                .click();
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("<script>alert('note')</script>");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:ida-officer' and action_name ="
                                + " 'review.close' and explanation like '%as justified: Resident found unresponsive%'",
                        Integer.class))
                .isOne();
    }

    @Test
    @DisplayName(
            "an objection file with a bad line is refused whole with the reason for the line, then the corrected file is imported")
    void objectionFileWithABadLine() throws Exception {
        Path bad = Files.writeString(
                Files.createTempFile("type1-", ".txt"), "# Type 1 extract\n9434765935\n1234567890\n9434765943\n");
        Path good =
                Files.writeString(Files.createTempFile("type1-", ".txt"), "# Type 1 extract\n9434765935\n9434765943\n");
        signIn("ida-officer", PASSWORD);
        open("/console/objections");
        checkAccessibility("objections");
        browser.findElement(By.cssSelector("input[name=kind][value=type-1]")).click();
        browser.findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import button.primary")).click();
        WebElement refused = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("refused")));
        assertThat(refused.getText()).contains("3", "1234567890");
        assertThat(browser.findElement(By.cssSelector("#result .notice.error")).getText())
                .contains("Nothing was imported", "1 line(s) refused, 2 accepted");
        assertThat(browser.findElement(By.id("upload-progress")).getAttribute("value"))
                .isEqualTo("100");
        checkAccessibility("objection file refused");
        screenshot("objections");
        assertThat(jdbc.queryForObject(
                        "select count(*) from patient_objection where nhs_number in ('9434765935', '9434765943')",
                        Integer.class))
                .as("nothing half-imported")
                .isZero();

        browser.findElement(By.id("file")).clear();
        browser.findElement(By.id("file")).sendKeys(good.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import button.primary")).click();
        assertThat(new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result .notice.ok")))
                        .getText())
                .contains("Imported the Type 1 objections", "2 patients");
        open("/console/objections?nhsNumber=9434765943");
        assertThat(browser.findElement(By.id("held")).getText()).contains("type-1", "user:ida-officer");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:ida-officer' and action_name ="
                                + " 'objection.import'",
                        Integer.class))
                .isOne();
    }

    @Test
    @DisplayName(
            "the disclosure report for a patient lists who was sent the record, prints, and downloads as a PDF that renders")
    void disclosureReport() throws Exception {
        String nhs = "9434765951";
        HttpResponse<String> sent =
                as("CH001").post("/fhir/$process-message", FHIR_JSON, GovernanceFlowIT.demoFor(nhs));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        awaitDispatched();
        signIn("ida-officer", PASSWORD);
        open("/console/disclosures?nhsNumber=123");
        assertThat(shown(By.id("nhsNumber-error")).getText()).isNotBlank();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            open("/console/disclosures?nhsNumber=" + nhs);
            return !browser.findElements(By.id("disclosures")).isEmpty();
        });
        assertThat(browser.findElement(By.id("disclosures")).getText())
                .contains("(G81001)", "Rosewood Care Home (CH001)", "TREAT");
        assertThat(browser.findElement(By.cssSelector("button[data-print]")).isDisplayed())
                .isTrue();
        checkAccessibility("disclosures");
        screenshot("disclosures");

        HttpResponse<byte[]> pdf = ConsoleSession.signIn(this, "ida-officer", PASSWORD)
                .getBytes("/console/disclosures.pdf?nhsNumber=" + nhs);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isPositive();
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text)
                    .contains(
                            "NHS number " + nhs,
                            "Elm Tree Surgery (G81001)",
                            "Rosewood Care Home",
                            "CarePlan, Patient");
            org.apache.pdfbox.rendering.PDFRenderer renderer = new org.apache.pdfbox.rendering.PDFRenderer(document);
            assertThat(renderer.renderImageWithDPI(0, 72).getWidth()).isPositive();
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:ida-officer' and action_name ="
                                + " 'disclosure.report' and nhs_number = ?",
                        Integer.class,
                        nhs))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName(
            "an operator sees the queues, issues a certificate from a signing request and revokes one after confirming; the revoked certificate is refused at once")
    void operatorCertificates() throws Exception {
        accounts.create("otto-operator", "otto's long password", EnumSet.of(Role.OPERATOR), Optional.empty(), "test");
        assertThat(as("RAC").get("/mailbox/messages").statusCode()).isEqualTo(200);
        signIn("otto-operator", "otto's long password");
        open("/console/operations");
        assertThat(browser.findElement(By.id("queues")).getText()).contains("hub.intake");
        checkAccessibility("operations");
        screenshot("operations");

        open("/console/operations/certificates");
        checkAccessibility("certificates");
        new Select(browser.findElement(By.id("ods"))).selectByValue("RAC");
        browser.findElement(By.id("csr")).sendKeys("not a signing request");
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        assertThat(new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("csr-error")))
                        .getText())
                .isNotBlank();
        browser.findElement(By.id("csr")).clear();
        browser.findElement(By.id("csr"))
                .sendKeys(org.vanguard.hub.pki.CertificateLifecycleIT.csr(
                        "CN=RAC", org.vanguard.hub.pki.CertificateLifecycleIT.newKeyPair()));
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        assertThat(new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("chain")))
                        .getAttribute("value"))
                .startsWith("-----BEGIN CERTIFICATE-----");
        screenshot("certificates");

        String serial = jdbc.queryForObject(
                "select serial from issued_certificate where ods_code = 'RAC' and status = 'active'"
                        + " order by issued_at limit 1",
                String.class);
        open("/console/operations/certificates?ods=RAC");
        browser.findElement(By.cssSelector("a[aria-label='Revoke certificate " + serial + "']"))
                .click();
        assertThat(heading()).isEqualTo("Confirm: revoke a certificate");
        checkAccessibility("revoke");
        new Select(browser.findElement(By.id("reason"))).selectByValue("keyCompromise");
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        assertThat(shown(By.cssSelector(".notice.ok")).getText()).contains("Revoked certificate " + serial);
        try {
            assertThat(as("RAC").get("/mailbox/messages").statusCode())
                    .as("the revoked certificate")
                    .isEqualTo(401);
        } catch (IOException refusedAtHandshake) {
            assertThat(refusedAtHandshake)
                    .as("the revoked certificate's next handshake")
                    .isNotNull();
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:otto-operator' and action_name"
                                + " in ('certificate.issue', 'certificate.revoke')",
                        Integer.class))
                .isEqualTo(2);
        open("/console/reviews");
        assertThat(heading()).isEqualTo("This page is not for your role");
    }

    @Test
    @DisplayName(
            "an IG officer drafts an agreement from a template: a missing party and a schema error are named, then the draft is saved, listed as a draft and its YAML downloads")
    void draftFromTemplate() throws Exception {
        signIn("ida-officer", PASSWORD);
        open("/console/agreements");
        browser.findElement(By.id("new-agreement")).click();
        new Select(shown(By.id("template"))).selectByValue("enhanced-health-in-care-homes");
        browser.findElement(By.cssSelector("form.filters button")).click();
        // The template's form is a new page: wait for it rather than find the element on the page being left.
        new Select(shown(By.id("party-CARE-HOME-ODS"))).selectByValue("CH001");
        new Select(browser.findElement(By.id("party-GP-PRACTICE-ODS"))).selectByValue("G81001");
        browser.findElement(By.cssSelector("#draft button.primary")).click();
        assertThat(shown(By.id("party-COMMUNITY-ODS-error")).getText()).contains("Choose the participant");
        checkAccessibility("new agreement with an error");

        new Select(browser.findElement(By.id("party-COMMUNITY-ODS"))).selectByValue("RCP");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        WebElement yaml = browser.findElement(By.id("yaml"));
        js.executeScript(
                "arguments[0].value = arguments[0].value.replace('id: ISA-EHCH-REPLACE-ME', 'id: ISA-EHCH-CONSOLE')"
                        + ".replace(/^version: 1$/m, 'version: first')",
                yaml);
        browser.findElement(By.cssSelector("#draft button.primary")).click();
        assertThat(shown(By.id("yaml-error")).getText()).startsWith("Line ").contains("version");
        screenshot("agreement-new");

        js.executeScript(
                "arguments[0].value = arguments[0].value.replace(/^version: first$/m, 'version: 1')",
                browser.findElement(By.id("yaml")));
        browser.findElement(By.cssSelector("#draft button.primary")).click();
        assertThat(shown(By.cssSelector(".notice.ok")).getText()).contains("Drafted ISA-EHCH-CONSOLE");
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("ISA-EHCH-CONSOLE v1", "draft");
        assertThat(browser.findElement(By.id("flows")).getText())
                .contains("Rosewood Care Home (CH001)", "(G81001)", "(RCP)");

        HttpResponse<String> file =
                ConsoleSession.signIn(this, "ida-officer", PASSWORD).get("/console/agreements/ISA-EHCH-CONSOLE/yaml");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).contains("id: ISA-EHCH-CONSOLE", "ods: CH001", "status: draft");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:ida-officer' and action_name ="
                                + " 'agreement.reload'",
                        Integer.class))
                .isPositive();

        Path draft = dataDir.resolve("agreement-drafts/isa-ehch-console.yaml");
        Files.writeString(
                draft,
                Files.readString(draft)
                        .replaceFirst("(?m)^version: 1$", "version: 2")
                        .replaceFirst("(?m)^reviewDate: .*$", "reviewDate: 2027-01-31"));
        assertThat(asOfficer()
                        .post("/admin/agreements/reload", "application/json", new byte[0])
                        .statusCode())
                .isEqualTo(200);
        open("/console/agreements/ISA-EHCH-CONSOLE");
        browser.findElement(By.id("changes")).click();
        WebElement diff = shown(By.cssSelector("pre.diff"));
        assertThat(diff.findElements(By.cssSelector(".removed")).stream().map(WebElement::getText))
                .contains("-version: 1", "-reviewDate: 2027-03-31");
        assertThat(diff.findElements(By.cssSelector(".added")).stream().map(WebElement::getText))
                .contains("+version: 2", "+reviewDate: 2027-01-31");
        checkAccessibility("agreement changes");
        screenshot("agreement-changes");

        open("/console/agreements/ISA-EHCH-CONSOLE");
        browser.findElement(By.linkText("Withdraw")).click();
        assertThat(shown(By.id("reason")).getAttribute("required"))
                .as("a withdrawal needs its reason")
                .isNotNull();
        browser.findElement(By.id("reason")).sendKeys("The community provider will sign its own agreement.");
        browser.findElement(By.cssSelector("form.form button.primary")).click();
        assertThat(shown(By.cssSelector(".notice.ok")).getText()).contains("Withdrew ISA-EHCH-CONSOLE");
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("withdrawn");
        assertThat(ConsoleBrowser.absent(browser, By.linkText("Submit for approval")))
                .isTrue();
    }

    @Test
    @DisplayName("an operator and an MDT member are shown the 403 page for IG officers' pages")
    void otherRolesAreRefusedIgPages() throws Exception {
        accounts.create("olga-operator", "olga's long password", EnumSet.of(Role.OPERATOR), Optional.empty(), "test");
        accounts.create(
                "mo-mdt",
                "mo's long password here",
                EnumSet.of(Role.MDT_MEMBER),
                Optional.of(OdsCode.of("MDT01")),
                "test");
        for (String[] person : List.of(
                new String[] {"olga-operator", "olga's long password"},
                new String[] {"mo-mdt", "mo's long password here"})) {
            browser.manage().deleteAllCookies();
            signIn(person[0], person[1]);
            checkAccessibility("home as " + person[0]);
            for (String page : List.of(
                    "/console/agreements", "/console/what-if", "/console/audit", "/console/agreements/" + DRAFT_ID)) {
                open(page);
                assertThat(heading()).as(person[0] + " at " + page).isEqualTo("This page is not for your role");
            }
            checkAccessibility("403 page");
            ConsoleSession session = ConsoleSession.signIn(this, person[0], person[1]);
            HttpResponse<String> refused = session.get("/console/agreements");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        }
    }

    @Test
    @DisplayName(
            "a session is kept in the database under the person's subject, and deleting the account ends its sessions")
    void deletedAccountEndsItsSessions() throws Exception {
        accounts.create("dora-officer", "dora's long password", EnumSet.of(Role.IG_OFFICER), Optional.empty(), "test");
        ConsoleSession session = ConsoleSession.signIn(this, "dora-officer", "dora's long password");
        assertThat(session.get("/console").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select count(*) from spring_session where principal_name = 'user:dora-officer'",
                        Integer.class))
                .isOne();

        assertThat(accounts.delete("dora-officer", "test")).isTrue();

        assertThat(jdbc.queryForObject(
                        "select count(*) from spring_session where principal_name = 'user:dora-officer'",
                        Integer.class))
                .isZero();
        HttpResponse<String> after = session.get("/console");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/console/sign-in"));
    }

    @Test
    @DisplayName(
            "without a session the console shows its sign-in page, and a wrong password is refused there and audited")
    void noSessionMeansSignIn() throws Exception {
        open("/console/agreements");
        assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
        assertThat(heading()).isEqualTo("Sign in");
        checkAccessibility("sign-in");
        browser.findElement(By.id("username")).sendKeys("ida-officer");
        browser.findElement(By.id("password")).sendKeys("not her password");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        assertThat(shown(By.cssSelector(".notice.error")).getText()).contains("Sign-in refused");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:ida-officer' and event_kind = 'ADMIN'"
                                + " and explanation like '%refused a sign-in%'",
                        Integer.class))
                .isPositive();

        HttpResponse<String> anonymous = new ConsoleSession(this).get("/console");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/console/sign-in"));
    }

    @Test
    @DisplayName(
            "a form posted without its CSRF token is refused with 403, and the pages carry a strict Content-Security-Policy and a Secure, HttpOnly, SameSite=Lax cookie")
    void csrfAndHeaders() throws Exception {
        ConsoleSession session = ConsoleSession.signIn(this, "ida-officer", PASSWORD);
        HttpCookie cookie = session.cookie();
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(session.setCookieHeader()).containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> forged =
                session.postWithoutToken("/console/agreements/ISA-CH001-G81001-DC/suspend", "reason=forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(asOfficer().get("/admin/agreements/ISA-CH001-G81001-DC").body())
                .contains("\"status\":\"active\"");

        HttpResponse<String> page = session.get("/console/agreements");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue(ConsoleSecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    @DisplayName("an agreement title holding a script is shown as text, never run")
    void titlesAreEscaped() throws Exception {
        signIn("ida-officer", PASSWORD);
        open("/console/agreements");
        assertThat(browser.findElement(By.id("agreements")).getText())
                .contains("<script>alert(1)</script> Tricky draft");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        open("/console/agreements/" + XSS_ID);
        assertThat(heading()).isEqualTo("<script>alert(1)</script> Tricky draft");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        String html = ConsoleSession.signIn(this, "ida-officer", PASSWORD)
                .get("/console/agreements/" + XSS_ID)
                .body();
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; Tricky draft")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    @DisplayName(
            "a provider certificate does not open the console, the console serves no API path, and a console session does not open the admin API")
    void eachPortOpensOnlyItsOwn() throws Exception {
        HttpResponse<String> withCertificate = org.vanguard.hub.HubClient.of(
                        dataDir.resolve("pki/participants/CH001.p12"), caPem(), console.port())
                .get("/console/agreements");
        assertThat(withCertificate.statusCode()).isEqualTo(302);
        assertThat(org.vanguard.hub.HubClient.of(
                                dataDir.resolve("pki/officers/ig-officer.p12"), caPem(), console.port())
                        .get("/console")
                        .statusCode())
                .isEqualTo(302);

        ConsoleSession session = ConsoleSession.signIn(this, "ida-officer", PASSWORD);
        for (String api :
                List.of("/admin/agreements", "/fhir/metadata", "/mailbox/messages", "/.well-known/jwks.json")) {
            assertThat(session.get(api).statusCode())
                    .as(api + " on the console port")
                    .isEqualTo(403);
        }
        HttpResponse<String> cookieOnProviderPort = as("RCP")
                .get(
                        "/admin/agreements",
                        "Cookie",
                        "HUB_CONSOLE=" + session.cookie().getValue());
        assertThat(cookieOnProviderPort.statusCode()).isEqualTo(403);
        assertThat(cookieOnProviderPort.body()).contains("sign in with an account");
    }

    private void checkAccessibility(String page) {
        chromium.checkAccessibility(page);
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
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
                trust.setCertificateEntry("hub-ca", (X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            managers.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, managers.getTrustManagers(), null);
            http = HttpClient.newBuilder()
                    .sslContext(ssl)
                    .cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }

        static ConsoleSession signIn(ConsoleIT test, String username, String password) throws Exception {
            ConsoleSession session = new ConsoleSession(test);
            String token = session.token("/console/sign-in");
            HttpResponse<String> signedIn = session.post(
                    "/console/sign-in",
                    "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(token));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location"))
                    .hasValueSatisfying(v -> assertThat(v).endsWith("/console"));
            session.setCookie = String.join("\n", signedIn.headers().allValues("Set-Cookie"));
            return session;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(test.url(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<byte[]> getBytes(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(test.url(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(test.url(path)))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
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
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("HUB_CONSOLE"))
                    .findFirst()
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
