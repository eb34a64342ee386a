package org.vanguard.hub.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.hub.governance.GovernanceFlowIT;

/**
 * A delivery waiting in a mailbox is taken out of the broker queue itself when a change in governance withholds
 * it, so a participant consuming its mailbox over AMQP, which never passes the REST re-decision, cannot get it.
 */
class MailboxSweepIT extends HubIntegrationTest {

    private static final String JSON = "application/json";

    @Test
    @DisplayName("an objection recorded after dispatch removes the waiting delivery from the broker mailbox, audited")
    void objectionEmptiesTheBrokerMailbox() throws Exception {
        String nhs = "9434765129";
        String messageId = send(GovernanceFlowIT.demoFor(nhs));
        assertThat(waitingIn("hub.mailbox.G81001")).contains(messageId);

        HttpResponse<String> recorded = asOfficer()
                .post(
                        "/admin/objections",
                        JSON,
                        ("{\"nhsNumber\":\"" + nhs + "\",\"type\":\"shared-care-record\"}")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(recorded.statusCode()).as(recorded.body()).isBetween(200, 299);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !waitingIn("hub.mailbox.G81001").contains(messageId));
        // The delivery is taken out first and its denial audited right after (never "withheld" for one that left).
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.queryForObject("""
                select count(*) from audit_decision where message_id = ? and recipient_ods = 'G81001'
                and outcome = 'DENY' and explanation like '%Re-checked%'""", Integer.class, messageId))
                        .isPositive());
    }

    @Test
    @DisplayName("a delivery for another patient stays where it is")
    void otherPatientsUntouched() throws Exception {
        String kept = send(GovernanceFlowIT.demoFor("9434765137"));
        String withheld = send(GovernanceFlowIT.demoFor("9434765145"));
        asOfficer()
                .post(
                        "/admin/objections",
                        JSON,
                        "{\"nhsNumber\":\"9434765145\",\"type\":\"shared-care-record\"}"
                                .getBytes(StandardCharsets.UTF_8));
        // Once the objecting patient's delivery is gone the sweep has run; the other patient's is still there.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !waitingIn("hub.mailbox.G81001").contains(withheld));
        assertThat(waitingIn("hub.mailbox.G81001")).contains(kept);
    }

    @Test
    @DisplayName(
            "suspending the agreement takes its waiting delivery out of the broker mailbox as soon as the suspension commits")
    void suspensionEmptiesTheBrokerMailbox() throws Exception {
        String messageId = send(GovernanceFlowIT.demoFor("9434765153"));
        String agreement = "/admin/agreements/ISA-CH001-G81001-DC/";
        try {
            HttpResponse<String> suspended = asOfficer()
                    .post(
                            agreement + "suspend",
                            JSON,
                            "{\"reason\":\"breach under investigation\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !waitingIn("hub.mailbox.G81001").contains(messageId));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(jdbc.queryForObject("""
                    select count(*) from audit_decision where message_id = ? and recipient_ods = 'G81001'
                    and outcome = 'DENY' and explanation like '%Re-checked%'""", Integer.class, messageId))
                            .isPositive());
        } finally {
            asOfficer().post(agreement + "resume", JSON, "{\"reason\":\"cleared\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private String send(byte[] message) throws Exception {
        HttpResponse<String> sent = as("CH001").post("/fhir/$process-message", FHIR_JSON, message);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String messageId = JsonPath.read(sent.body(), "$.identifier.value");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> waitingIn("hub.mailbox.G81001").contains(messageId));
        return messageId;
    }

    /** The hub message ids on a broker queue, read from the broker itself rather than through the REST mailbox. */
    private List<String> waitingIn(String queueName) {
        Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of(queueName));
        List<String> ids = new ArrayList<>();
        try (LinkedListIterator<MessageReference> references = queue.browserIterator()) {
            while (references.hasNext()) {
                Object id = references.next().getMessage().getObjectProperty("hubMessageId");
                if (id != null) {
                    ids.add(id.toString());
                }
            }
        }
        return ids;
    }
}
