package org.vanguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.governance.objection.Objection;
import org.vanguard.governance.objection.ObjectionType;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipKind;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.care.JdbcRelationshipStore;
import org.vanguard.hub.consent.JdbcObjectionStore;
import org.vanguard.hub.people.AccountAdministration;
import org.vanguard.hub.web.Role;

/**
 * An MDT member's day in a real headless Chromium, after a care home sent care plans through the real mutual-TLS
 * intake: the caseload with unread markers, a patient's record rendered for a clinician with its provenance, marking it
 * read, a patient outside the caseload refused with the reason, a patient who objected withheld and opened by
 * break-glass, which lands in the IG officers' review queue; every view audited with the person's name; the IG pages
 * closed to them and their pages closed to an IG officer; axe-core finds no serious or critical violation on any page.
 */
// Its screenshots are the README's picture of a patient's record: a hub of its own, so Edith's record holds only the
// care plans this class sends, not those other classes send about the demo patient.
@TestPropertySource(properties = HubIntegrationTest.OWN_HUB + "=MdtConsoleIT")
@DirtiesContext
class MdtConsoleIT extends HubIntegrationTest {

    private static final String MDT_USER = "mo-mdt";
    private static final String MDT_PASSWORD = "mo's long console passphrase";
    private static final String OFFICER = "ida-officer";
    private static final String OFFICER_PASSWORD = "ida's long console passphrase";
    /** On MDT01's caseload (the demo caseloads file). */
    private static final String EDITH = "9434765919";
    /** Put on MDT01's caseload by the test; objects to the shared care record; a name carrying markup. */
    private static final String OBJECTOR = "9434765927";
    /** Not on any MDT's caseload. */
    private static final String STRANGER = "9434765935";

    private static final String XSS_NAME = "Moss<img src=x onerror=alert(1)>";

    private static ConsoleBrowser chromium;
    private static WebDriver browser;

    @Autowired
    ConsoleConnector console;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    JdbcRelationshipStore relationships;

    @Autowired
    JdbcObjectionStore objections;

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
    void accountsAndSignedOut() {
        // Made once: a second create of the same account does nothing.
        accounts.create(MDT_USER, MDT_PASSWORD, EnumSet.of(Role.MDT_MEMBER), Optional.of(OdsCode.of("MDT01")), "test");
        accounts.create(OFFICER, OFFICER_PASSWORD, EnumSet.of(Role.IG_OFFICER), Optional.empty(), "test");
        browser.get(url("/console/sign-in"));
        browser.manage().deleteAllCookies();
    }

    @Test
    @DisplayName(
            "an MDT member sees the caseload, reads a patient's record with its provenance, marks it read, is refused a patient outside the caseload, and breaks the glass on a withheld one, which an IG officer then has to review")
    void anMdtMembersDay() throws Exception {
        relationships.record(new Relationship(
                NhsNumber.of(OBJECTOR),
                OdsCode.of("MDT01"),
                RelationshipKind.MDT_CASELOAD,
                Instant.now(),
                Optional.empty(),
                "test: referred to the frailty MDT"));
        objections.record(
                new Objection(NhsNumber.of(OBJECTOR), ObjectionType.SHARED_CARE_RECORD, Instant.now(), "test"));
        HubClient careHome = as("CH001");
        // Edith's care plan as a care home writes it: activities, a goal, the team and its author.
        String richPlan = """
                "period": { "start": "2026-11-23", "end": "2027-02-23" },
                "created": "2026-11-23",
                "author": { "display": "Ann Brook, Registered Manager" },
                "careTeam": [ { "display": "Rosewood day staff" }, { "display": "Frailty MDT" } ],
                "contained": [ { "resourceType": "Goal", "id": "g1", "lifecycleStatus": "active",
                  "description": { "text": "No falls in the next three months" },
                  "subject": { "identifier": { "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919" } } } ],
                "goal": [ { "reference": "#g1" } ],
                "activity": [
                  { "detail": { "status": "in-progress", "description": "Fluid prompts every two hours, 1.5 litres a day",
                      "scheduledString": "08:00 to 20:00" } },
                  { "detail": { "status": "scheduled", "description": "Falls risk review by the community physiotherapist",
                      "scheduledPeriod": { "start": "2026-12-01" } } } ]""";
        for (String[] patient : List.of(
                new String[] {EDITH, "Hartley"}, new String[] {OBJECTOR, XSS_NAME}, new String[] {STRANGER, "Stranger"
                })) {
            String message = new String(demoMessage(), StandardCharsets.UTF_8)
                    .replace("\"period\": { \"start\": \"2026-11-23\" }", richPlan)
                    .replace("9434765919", patient[0])
                    .replace("\"Hartley\"", "\"" + patient[1].replace("\"", "\\\"") + "\"")
                    .replace(
                            "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01",
                            UUID.randomUUID().toString())
                    .replace(
                            "9a7b6c5d-4e3f-4a2b-9c1d-0e1f2a3b4c5d",
                            UUID.randomUUID().toString())
                    .replace(
                            "0b8e4c1a-3f2d-4e5b-8a9c-1d2e3f4a5b6c",
                            UUID.randomUUID().toString());
            assertThat(careHome.post("/fhir/$process-message", FHIR_JSON, message.getBytes(StandardCharsets.UTF_8))
                            .statusCode())
                    .isEqualTo(200);
        }
        awaitDispatched();

        signIn(MDT_USER, MDT_PASSWORD);
        checkAccessibility("home as an MDT member");
        browser.findElement(By.linkText("Caseload")).click();
        assertThat(heading()).isEqualTo("Caseload of MDT01");
        String caseload = browser.findElement(By.id("caseload")).getText();
        assertThat(caseload)
                .contains(
                        "HARTLEY, Edith",
                        "943 476 5919",
                        "12 Apr 1936",
                        "Falls prevention and hydration plan",
                        "Unread",
                        "Withheld")
                .doesNotContain("Stranger", "943 476 5935");
        assertThat(browser.findElements(By.cssSelector("#caseload tbody tr"))).hasSize(2);
        checkAccessibility("caseload");
        screenshot("mdt-caseload");

        browser.findElement(By.linkText("HARTLEY, Edith")).click();
        assertThat(heading()).isEqualTo("HARTLEY, Edith");
        assertThat(browser.findElement(By.id("demographics")).getText())
                .contains("943 476 5919", "12 Apr 1936", "Female", "Elm Tree Surgery");
        assertThat(browser.findElement(By.cssSelector("article.plan")).getText())
                .contains(
                        "Falls prevention and hydration plan",
                        "Active",
                        "23 Nov 2026 to 23 Feb 2027",
                        "Two-hourly fluid prompts",
                        "Ann Brook, Registered Manager",
                        "Fluid prompts every two hours, 1.5 litres a day (in progress), 08:00 to 20:00",
                        "Falls risk review by the community physiotherapist (scheduled), from 1 Dec 2026",
                        "No falls in the next three months",
                        "Rosewood day staff",
                        "Frailty MDT");
        String provenance = browser.findElement(By.id("provenance")).getText();
        assertThat(provenance).contains("CH001", "ISA-MDT01-DC v1 flows[0] for TREAT", "1 version");
        assertThat(browser.getPageSource()).doesNotContain("\"resourceType\"");
        checkAccessibility("patient");
        screenshot("mdt-patient");

        browser.findElement(By.cssSelector("#mark-read button")).click();
        assertThat(browser.findElement(By.id("read-notice")).getText()).isEqualTo("Marked as read.");
        assertThat(ConsoleBrowser.absent(browser, By.id("mark-read"))).isTrue();
        assertThat(jdbc.queryForObject(
                        "select count(*) from mdt_read_marker where person = 'user:mo-mdt' and nhs_number = ?",
                        Integer.class,
                        EDITH))
                .isEqualTo(1);
        open("/console/mdt");
        assertThat(browser.findElement(By.cssSelector("#caseload tbody tr:not(.unread)"))
                        .getText())
                .contains("HARTLEY, Edith", "Read");

        // A patient outside the caseload, by NHS number: refused, with the rule's reason.
        browser.findElement(By.id("nhs")).sendKeys("943 476 5935");
        browser.findElement(By.cssSelector("form.filters button")).click();
        assertThat(browser.findElement(By.id("refused")).getText())
                .contains("Refused", "MDT01 has no legitimate relationship in force with patient 9434765935");
        assertThat(browser.getPageSource()).doesNotContain("Stranger");
        checkAccessibility("refused patient");
        open("/console/mdt/open?nhs=9434765936");
        assertThat(heading()).isEqualTo("That request is not one the console understands");
        assertThat(browser.getPageSource()).contains("9434765936");

        // The objector: withheld, with the reason; break-glass without a reason is refused next to the fields.
        open("/console/mdt/patients/" + OBJECTOR);
        assertThat(browser.findElement(By.id("withheld")).getText()).contains("Withheld");
        assertThat(browser.getPageSource()).doesNotContain("Moss");
        browser.findElement(By.cssSelector("#break-glass button")).click();
        assertThat(browser.findElement(By.id("reasonCode-error")).getText())
                .isEqualTo("Choose the reason for breaking the glass.");
        assertThat(browser.findElement(By.id("reason-error")).getText()).contains("at least 10 characters");
        checkAccessibility("break-glass form with errors");
        new Select(browser.findElement(By.id("reasonCode"))).selectByValue("clinical-emergency");
        browser.findElement(By.id("reason")).sendKeys("Fell at home, admitted unconscious; need her care plan now");
        browser.findElement(By.cssSelector("#break-glass button")).click();
        assertThat(browser.findElement(By.id("break-glass-notice")).getText()).contains("You broke the glass");
        assertThat(heading()).as("the name is text, never markup").isEqualTo("MOSS<IMG SRC=X ONERROR=ALERT(1)>, Edith");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElement(By.id("provenance")).getText()).contains("for BTG");
        checkAccessibility("break-glass");
        screenshot("mdt-break-glass");

        // The override is in the IG officers' review queue, with who, why and when; every view is audited by name.
        String queue = asOfficer().get("/admin/reviews").body();
        assertThat(JsonPath.<List<String>>read(queue, "$[?(@.nhsNumber == '" + OBJECTOR + "')].requestedBy"))
                .contains(MDT_USER);
        assertThat(JsonPath.<List<String>>read(queue, "$[?(@.nhsNumber == '" + OBJECTOR + "')].reasonCode"))
                .contains("clinical-emergency");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:mo-mdt' and action_name = 'mdt.view'"
                                + " and nhs_number = ?",
                        Integer.class,
                        EDITH))
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:mo-mdt' and action_name = 'mdt.view'"
                                + " and nhs_number = ? and explanation like '%refused%'",
                        Integer.class, STRANGER))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:mo-mdt'"
                                + " and action_name = 'mdt.break-glass' and nhs_number = ?",
                        Integer.class,
                        OBJECTOR))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where message_id like 'console-patient-%'"
                                + " and recipient_ods = 'MDT01' and purpose = 'TREAT' and nhs_number = ? and outcome = 'DENY'"
                                + " and reason_codes like '%NO_RELATIONSHIP%'",
                        Integer.class, STRANGER))
                .isPositive();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where message_id like 'console-break-glass-%'"
                                + " and purpose = 'BTG' and outcome = 'PERMIT' and nhs_number = ?",
                        Integer.class, OBJECTOR))
                .isPositive();
    }

    @Test
    @DisplayName("an MDT member is shown the 403 page for IG officers' pages, and an IG officer for the MDT pages")
    void eachRoleOnlyItsOwnPages() throws Exception {
        signIn(MDT_USER, MDT_PASSWORD);
        for (String page : List.of("/console/agreements", "/console/what-if", "/console/audit")) {
            open(page);
            assertThat(heading()).as(page).isEqualTo("This page is not for your role");
        }
        browser.manage().deleteAllCookies();
        signIn(OFFICER, OFFICER_PASSWORD);
        for (String page : List.of("/console/mdt", "/console/mdt/patients/" + EDITH)) {
            open(page);
            assertThat(heading()).as(page).isEqualTo("This page is not for your role");
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_decision where actor = 'user:ida-officer'"
                                + " and action_name like 'mdt.%'",
                        Integer.class))
                .as("an IG officer's refused visit opens nothing")
                .isZero();
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

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private void checkAccessibility(String page) {
        chromium.checkAccessibility(page);
    }

    private void screenshot(String name) {
        chromium.fullPageScreenshot(name);
    }
}
