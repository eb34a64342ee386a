package org.vanguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.audit.AdminChange;
import org.vanguard.hub.audit.JdbcAuditLog;
import org.vanguard.hub.metrics.PrometheusScrape;
import org.vanguard.hub.monitoring.AccessMonitor;
import org.vanguard.hub.people.AccountAdministration;
import org.vanguard.hub.web.Role;

/**
 * The flows dashboard against a known load: N care plans through the real mutual-TLS intake (each decided for three
 * recipients and two resource types: the GP and MDT01 permitted, RAC denied) and M refused at the intake; the
 * dashboard (page and JSON) and {@code /actuator/prometheus} show exactly those numbers. Charts are drawn in a real
 * headless Chromium under the console's CSP, the page passes axe-core, an operator may open it and an MDT member not.
 */
// Access monitoring compares each participant's volume with its own baseline: the whole hub's traffic, so a hub of its
// own. The test reads records "just now", whatever the hour CI runs at: no unusual hours here (AccessMonitoringIT tests
// them at fixed instants), so the one alert it expects is the same at 15:00 and at 23:00.
@TestPropertySource(
        properties = {
            HubIntegrationTest.OWN_HUB + "=DashboardIT",
            "hub.monitoring.night-start=00:00",
            "hub.monitoring.night-end=00:00"
        })
@DirtiesContext
class DashboardIT extends HubIntegrationTest {

    private static final int SENT = 4;
    private static final int REFUSED = 3;

    private static ConsoleBrowser chromium;
    private static WebDriver browser;

    @Autowired
    ConsoleConnector console;

    @Autowired
    AccountAdministration accounts;

    @LocalManagementPort
    int managementPort;

    @Autowired
    AccessMonitor monitor;

    @Autowired
    JdbcAuditLog chain;

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

    @Test
    @DisplayName(
            "after N permitted-and-denied care plans and M refused messages, the dashboard and the Prometheus scrape show exactly those numbers")
    void dashboardMatchesTheLoad() throws Exception {
        accounts.create(
                "ida-officer", "ida's long console passphrase", EnumSet.of(Role.IG_OFFICER), Optional.empty(), "test");
        accounts.create(
                "olga-operator", "olga's long console passphrase", EnumSet.of(Role.OPERATOR), Optional.empty(), "test");
        accounts.create(
                "mo-mdt",
                "mo's long console passphrase",
                EnumSet.of(Role.MDT_MEMBER),
                Optional.of(OdsCode.of("MDT01")),
                "test");
        Map<String, Double> before = PrometheusScrape.of(managementPort);

        HubClient careHome = as("CH001");
        for (int i = 0; i < SENT; i++) {
            assertThat(careHome.post("/fhir/$process-message", FHIR_JSON, message("9434765919"))
                            .statusCode())
                    .isEqualTo(200);
        }
        for (int i = 0; i < REFUSED; i++) {
            assertThat(careHome.post("/fhir/$process-message", FHIR_JSON, message("9434765918"))
                            .statusCode())
                    .isEqualTo(400);
        }
        awaitDispatched();
        // One person tried three patients outside their team's relationships just now: access monitoring flags it.
        for (String nhs : List.of("9434765935", "9434765943", "9434765951")) {
            chain.record(new AdminChange(
                    Instant.now(),
                    "user:una",
                    "mdt.view",
                    "user:una (MDT member of MDT01) opened the"
                            + " shared record of patient " + nhs
                            + " in the console (patient) for TREAT: refused, 0 records shown,"
                            + " 2 refused; decisions under console-patient-test",
                    Optional.of(nhs),
                    Optional.of("MDT01"),
                    Optional.empty()));
        }
        assertThat(monitor.check(Instant.now())).hasSize(1);

        signIn("ida-officer", "ida's long console passphrase");
        browser.findElement(By.linkText("Dashboard")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Flows dashboard");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-charts", "drawn"));
        assertThat(text("received")).isEqualTo(String.valueOf(SENT));
        assertThat(text("permitted")).isEqualTo(String.valueOf(4 * SENT));
        assertThat(text("denied")).isEqualTo(String.valueOf(2 * SENT));
        assertThat(browser.findElement(By.id("denied-by-reason")).getText())
                .contains("NO_AGREEMENT " + 2 * SENT, "NO_RELATIONSHIP " + 2 * SENT);
        assertThat(browser.findElement(By.id("refused")).getText()).contains("invalid " + REFUSED);
        assertThat(browser.findElement(By.id("per-participant")).getText())
                .contains("CH001 " + SENT + " " + 4 * SENT + " " + 2 * SENT);
        assertThat(browser.findElement(By.id("per-purpose")).getText())
                .contains("TREAT " + SENT + " " + 4 * SENT + " " + 2 * SENT);
        assertThat(browser.findElement(By.id("mailboxes")).getText())
                .contains("G81001 " + SENT, "MDT01 " + SENT, "RAC 0");
        assertThat(browser.findElement(By.id("agreements")).getText()).contains("active 3");
        assertThat(browser.findElement(By.id("alerts")).getText())
                .contains(
                        "ManyPatientsOutsideRelationships",
                        "user:una",
                        "3 patients outside their team's legitimate relationships");
        assertThat(
                        (Long)
                                ((JavascriptExecutor) browser)
                                        .executeScript(
                                                "return document.querySelectorAll('canvas').length - document.querySelectorAll('canvas[width]').length;"))
                .as("every chart drawn")
                .isZero();
        checkAccessibility("dashboard");
        screenshot("dashboard");

        browser.get(url("/console/dashboard/data?window=7d"));
        String json = browser.findElement(By.tagName("body")).getText();
        assertThat(JsonPath.<Integer>read(json, "$.received")).isEqualTo(SENT);
        assertThat(JsonPath.<Integer>read(json, "$.permitted")).isEqualTo(4 * SENT);
        assertThat(JsonPath.<Integer>read(json, "$.denied")).isEqualTo(2 * SENT);
        assertThat(JsonPath.<String>read(json, "$.bucket")).isEqualTo("day");

        Map<String, Double> after = PrometheusScrape.of(managementPort);
        assertThat(PrometheusScrape.delta(before, after, "hub_intake_accepted_total{event=careplan-update}"))
                .isEqualTo(SENT);
        assertThat(PrometheusScrape.delta(before, after, "hub_intake_refused_total{reason=invalid}"))
                .isEqualTo(REFUSED);
        assertThat(PrometheusScrape.delta(
                        before, after, "hub_decisions_total{outcome=permit,purpose=TREAT,stage=dispatch}"))
                .isEqualTo(4 * SENT);
        assertThat(PrometheusScrape.delta(
                        before, after, "hub_decisions_total{outcome=deny,purpose=TREAT,stage=dispatch}"))
                .isEqualTo(2 * SENT);
        assertThat(after.get("hub_mailbox_depth{participant=G81001}")).isEqualTo(SENT);

        browser.get(url("/console/dashboard?window=forever"));
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("That request is not one the console understands");
        assertThat(browser.getPageSource()).contains("'window' must be one of 24h, 7d, 30d");

        browser.manage().deleteAllCookies();
        signIn("olga-operator", "olga's long console passphrase");
        browser.get(url("/console/dashboard"));
        assertThat(text("received")).isEqualTo(String.valueOf(SENT));

        browser.manage().deleteAllCookies();
        signIn("mo-mdt", "mo's long console passphrase");
        browser.get(url("/console/dashboard"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This page is not for your role");
        browser.get(url("/console/dashboard/data"));
        assertThat(browser.getPageSource()).doesNotContain("\"received\"");
    }

    private static byte[] message(String nhs) throws IOException {
        return new String(demoMessage(), StandardCharsets.UTF_8)
                .replace("9434765919", nhs)
                .replace(
                        "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01",
                        UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String url(String path) {
        return "https://localhost:" + console.port() + path;
    }

    private void signIn(String username, String password) {
        chromium.signIn(url(""), username, password);
    }

    private void checkAccessibility(String page) {
        chromium.checkAccessibility(page);
    }

    private void screenshot(String name) {
        chromium.fullPageScreenshot(name);
    }
}
