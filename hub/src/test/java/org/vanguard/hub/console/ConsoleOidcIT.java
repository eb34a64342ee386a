package org.vanguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vanguard.hub.HubIntegrationTest;

/**
 * Signing in to the console through an organisation's OpenID Connect provider, in a real headless Chromium against
 * a real provider started in the test ({@link TestOpenIdProvider}, Spring Authorization Server): the hub discovers it
 * from its issuer, sends the browser to its authorization endpoint with PKCE (the provider refuses a request without
 * it), the person signs in on the provider's own page, and the hub exchanges the code and checks the ID token's
 * signature against the provider's published keys. Roles come from the token's groups as configured; a person with
 * no mapped group is refused; every sign-in and refusal is in the audit chain with the person's name.
 */
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class ConsoleOidcIT extends HubIntegrationTest {

    private static final String REGISTRATION = "nhs-idp";

    private static TestOpenIdProvider provider;
    private static int consolePort;
    private static ConsoleBrowser console;
    private static WebDriver browser;

    @DynamicPropertySource
    static void openIdProvider(DynamicPropertyRegistry registry) {
        provider = TestOpenIdProvider.start(
                () -> "https://localhost:" + consolePort + "/console/oidc/code/" + REGISTRATION);
        String registration = "spring.security.oauth2.client.registration." + REGISTRATION + ".";
        registry.add(registration + "client-id", () -> TestOpenIdProvider.CLIENT_ID);
        registry.add(registration + "client-secret", () -> TestOpenIdProvider.CLIENT_SECRET);
        registry.add(registration + "client-name", () -> "Riverside NHS account");
        registry.add(registration + "scope", () -> "openid");
        registry.add(registration + "authorization-grant-type", () -> "authorization_code");
        registry.add(registration + "redirect-uri", () -> "{baseUrl}/console/oidc/code/{registrationId}");
        registry.add("spring.security.oauth2.client.provider." + REGISTRATION + ".issuer-uri", provider::issuer);
        registry.add("hub.console.oidc.roles[hub-ig-officers]", () -> "ig-officer");
        registry.add("hub.console.oidc.roles[hub-mdt]", () -> "mdt-member");
    }

    @BeforeAll
    static void startBrowser() {
        console = ConsoleBrowser.start();
        browser = console.driver();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Autowired
    ConsoleConnector connector;

    @BeforeEach
    void signedOutEverywhere() {
        consolePort = connector.port();
        browser.get(provider.issuer() + "/login");
        browser.manage().deleteAllCookies();
        browser.get(url("/console/sign-in"));
        browser.manage().deleteAllCookies();
    }

    @Test
    @DisplayName(
            "an IG officer signs in with her organisation's account: discovery, redirect with PKCE, her password on the provider's page, the code exchanged, the signed ID token's groups giving her role")
    void igOfficerSignsInThroughTheProvider() throws Exception {
        signInThroughProvider("irene.ig", "irene's password");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*/console$"));
        assertThat(heading()).contains("irene.ig");
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("irene.ig", "IG officer");

        browser.get(url("/console/agreements"));
        assertThat(heading()).isEqualTo("Agreements");
        assertThat(browser.findElements(By.cssSelector("#agreements tbody tr"))).isNotEmpty();

        browser.findElement(By.cssSelector(".who button")).click();
        // The sign-out is a form POST: wait for the page it leads to rather than read the URL at once.
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/console/sign-in"));
        assertThat(actions("oidc:irene.ig@localhost")).contains("console.sign-in", "console.sign-out");
        assertThat(asOfficer().get("/admin/audit/verify").body()).contains("\"intact\":true");
    }

    @Test
    @DisplayName("an MDT member signed in through the provider gets the 403 page for IG officers' pages")
    void mdtMemberThroughTheProviderIsRefusedIgPages() throws Exception {
        signInThroughProvider("mona.mdt", "mona's password");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*/console$"));
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("mona.mdt", "MDT member");
        for (String page : List.of("/console/agreements", "/console/what-if", "/console/audit")) {
            browser.get(url(page));
            assertThat(heading()).as(page).isEqualTo("This page is not for your role");
        }
    }

    @Test
    @DisplayName(
            "a person whose ID token carries no hub group is refused at sign-in, told why, and the refusal is audited with their name")
    void personWithoutAHubGroupIsRefused() throws Exception {
        signInThroughProvider("sam.staff", "sam's password");
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.urlContains("/console/sign-in?error=no-role"));
        assertThat(browser.findElement(By.cssSelector(".notice.error")).getText())
                .contains("gives you no role in the hub");
        checkAccessibility("sign-in refused");
        browser.get(url("/console"));
        assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
        assertThat(actions("oidc:sam.staff@localhost")).containsExactly("console.sign-in-refused");
    }

    private void signInThroughProvider(String username, String password) {
        browser.get(url("/console/sign-in"));
        checkAccessibility("sign-in with an OpenID provider");
        screenshot("sign-in");
        browser.findElement(By.linkText("Sign in with Riverside NHS account")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.urlContains(provider.issuer() + "/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private List<String> actions(String actor) {
        return jdbc.queryForList(
                "select action_name from audit_decision where actor = ? and event_kind = 'ADMIN' order by id",
                String.class,
                actor);
    }

    private String url(String path) {
        return "https://localhost:" + consolePort + path;
    }

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private void checkAccessibility(String page) {
        console.checkAccessibility(page);
    }

    private void screenshot(String name) {
        console.screenshot(name);
    }
}
