package org.vanguard.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubIntegrationTest;

/**
 * Health and metrics are on the management port, on localhost, for the node's monitoring: the expiry gauge counts
 * certificates that expire within the warning window. The participants' port does not serve them.
 */
@TestPropertySource(properties = "hub.pki.expiry-warning=P400D")
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class MetricsIT extends HubIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    @DisplayName("the expiring-certificates gauge is on the management port and not on the participants' port")
    void expiryGauge() throws Exception {
        HttpResponse<String> gauge = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                                        + "/actuator/metrics/hub.certificates.expiring"))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(gauge.statusCode()).isEqualTo(200);
        assertThat(gauge.headers().firstValue("X-Content-Type-Options"))
                .as("security headers on the management port too")
                .contains("nosniff");
        assertThat(gauge.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        // Every demo participant's certificate (397 days) expires within a 400-day window.
        assertThat(JsonPath.<Double>read(gauge.body(), "$.measurements[0].value"))
                .isGreaterThanOrEqualTo(5.0);

        assertThat(as("CH001").get("/actuator/metrics").statusCode()).isNotEqualTo(200);
    }
}
