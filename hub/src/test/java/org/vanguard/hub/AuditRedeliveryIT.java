package org.vanguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit and the JMS transaction it records: a delivery that fails after the decisions were audited rolls the
 * JMS transaction back, the broker redelivers, dispatch decides again, and each decision is still audited once.
 */
class AuditRedeliveryIT extends HubIntegrationTest {

    @Autowired
    CamelContext camel;

    @Test
    @DisplayName("a delivery that fails once after the audit write is redelivered and each decision is audited exactly once")
    void redeliveryDoesNotDuplicateTheAudit() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        AdviceWith.adviceWith(camel, "dispatch.decide", route -> route.weaveById("dispatch.deliver").before()
                .process(exchange -> {
                    if (failures.getAndIncrement() == 0) {
                        throw new IllegalStateException("test: the mailbox is unreachable this once");
                    }
                }));

        String sent = as("CH001").post("/fhir/$process-message", FHIR_JSON, demoMessage()).body();
        String messageId = JsonPath.read(sent, "$.identifier.value");
        await().atMost(Duration.ofSeconds(30)).until(() -> failures.get() > 1);
        awaitDispatched();

        assertThat(failures.get()).as("the first attempt failed and the redelivery went through").isGreaterThan(1);
        List<String> decisions = jdbc.queryForList("select recipient_ods || ' ' || resource_type || ' ' || outcome"
                + " from audit_decision where message_id = ? order by seq", String.class, messageId);
        assertThat(decisions).hasSize(6).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("select count(distinct decision_key) from audit_decision where message_id = ?",
                Integer.class, messageId)).isEqualTo(6);
        assertThat(JsonPath.<Boolean>read(asOfficer().get("/admin/audit/verify").body(), "$.intact")).isTrue();
        assertThat(JsonPath.<Integer>read(as("G81001").get("/mailbox/messages").body(), "$.count"))
                .as("the GP still receives the care plan, once").isEqualTo(1);
    }
}
