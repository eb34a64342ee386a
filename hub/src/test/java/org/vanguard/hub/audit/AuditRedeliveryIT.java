package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.governance.GovernanceFlowIT;
import org.vanguard.routes.HubHeaders;

/**
 * The audit and the JMS transaction it records: a delivery that fails after the decisions were audited rolls the
 * JMS transaction back, the broker redelivers, dispatch finds the message's decision kept and delivers it as decided
 * (nothing decided again), and each decision is audited once, each emergency override reviewed once.
 */
// It weaves a failure into the running dispatch route: a hub of its own, so no other test's messages meet it.
@TestPropertySource(properties = HubIntegrationTest.OWN_HUB + "=AuditRedeliveryIT")
@DirtiesContext
class AuditRedeliveryIT extends HubIntegrationTest {

    /** Messages whose first delivery attempt failed, and those whose redelivery then got past the failure. */
    private static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    private static final Set<String> redelivered = ConcurrentHashMap.newKeySet();
    private static CamelContext advised;

    @Autowired
    CamelContext camel;

    @BeforeEach
    void failEachMessagesFirstDeliveryOnce() throws Exception {
        if (advised == camel) {
            return;
        }
        AdviceWith.adviceWith(
                camel,
                "dispatch.decide",
                route -> route.weaveById("dispatch.deliver").before().process(exchange -> {
                    String messageId = exchange.getMessage().getHeader(HubHeaders.MESSAGE_ID, String.class);
                    if (failedOnce.add(messageId)) {
                        throw new IllegalStateException("test: the mailbox is unreachable this once");
                    }
                    redelivered.add(messageId);
                }));
        advised = camel;
    }

    @Test
    @DisplayName(
            "a delivery that fails once after the audit write is redelivered and each decision is audited exactly once")
    void redeliveryDoesNotDuplicateTheAudit() throws Exception {
        String sent = as("CH001")
                .post("/fhir/$process-message", FHIR_JSON, newDemoMessage())
                .body();
        String messageId = JsonPath.read(sent, "$.identifier.value");
        await().atMost(Duration.ofSeconds(30)).until(() -> redelivered.contains(messageId));
        awaitDispatched();

        List<String> decisions = jdbc.queryForList(
                "select recipient_ods || ' ' || resource_type || ' ' || outcome"
                        + " from audit_decision where message_id = ? order by seq",
                String.class,
                messageId);
        assertThat(decisions).hasSize(6).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject(
                        "select count(distinct decision_key) from audit_decision where message_id = ?",
                        Integer.class,
                        messageId))
                .isEqualTo(6);
        assertThat(JsonPath.<Boolean>read(asOfficer().get("/admin/audit/verify").body(), "$.intact"))
                .isTrue();
        assertThat(JsonPath.<List<String>>read(
                        as("G81001").get("/mailbox/messages").body(), "$.messages[*].messageId"))
                .as("the GP still receives the care plan, once")
                .containsOnlyOnce(messageId);
    }

    @Test
    @DisplayName("a break-glass message whose dispatch is redelivered opens each override review once")
    void redeliveryDoesNotReopenAReview() throws Exception {
        String nhs = "9434765161";
        assertThat(asOfficer()
                        .post(
                                "/admin/objections",
                                "application/json",
                                GovernanceFlowIT.json("{'nhsNumber':'" + nhs + "','type':'shared-care-record'}"))
                        .statusCode())
                .isEqualTo(201);
        String sent = as("CH001")
                .post("/fhir/$process-message", FHIR_JSON, GovernanceFlowIT.breakGlassFor(nhs))
                .body();
        String messageId = JsonPath.read(sent, "$.identifier.value");
        await().atMost(Duration.ofSeconds(30)).until(() -> redelivered.contains(messageId));
        awaitDispatched();

        List<String> reviews = jdbc.queryForList(
                "select recipient_ods || ' ' || resource_type from override_review" + " where message_id = ?",
                String.class,
                messageId);
        assertThat(reviews)
                .as("one review per overridden decision, though dispatch decided twice")
                .containsExactlyInAnyOrder("G81001 Patient", "G81001 CarePlan");
    }
}
