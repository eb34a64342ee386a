package org.vanguard.hub.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/** A recipient's system with several workers acknowledges its deliveries at the same time. */
class MailboxAcknowledgementIT extends HubIntegrationTest {

    private static final int MESSAGES = 24;

    @Test
    @DisplayName("deliveries acknowledged by six workers at once are each acknowledged (204) and leave the mailbox")
    void concurrentAcknowledgements() throws Exception {
        String patient = newPatient();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            HttpResponse<String> accepted =
                    as("CH001").post("/fhir/$process-message", FHIR_JSON, newDemoMessageAbout(patient));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            sent.add(accepted.headers().firstValue("X-Hub-Message-Id").orElseThrow());
        }
        awaitDispatched();
        HubClient gp = as("G81001");
        List<String> deliveries = new ArrayList<>();
        for (String messageId : sent) {
            List<Map<String, Object>> waiting = waitingFrom(gp, messageId);
            assertThat(waiting).as("G81001's delivery of %s", messageId).hasSize(1);
            deliveries.add((String) waiting.get(0).get("id"));
        }

        ExecutorService workers = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> acks = new ArrayList<>();
            for (String delivery : deliveries) {
                acks.add(workers.submit(() -> gp.post("/mailbox/messages/" + delivery + "/ack", null, new byte[0])));
            }
            for (int i = 0; i < acks.size(); i++) {
                HttpResponse<String> answer = acks.get(i).get();
                assertThat(answer.statusCode())
                        .as("acknowledging %s: %s", deliveries.get(i), answer.body())
                        .isEqualTo(204);
            }
        } finally {
            workers.shutdownNow();
        }
        for (String messageId : sent) {
            assertThat(waitingFrom(gp, messageId))
                    .as("%s after its acknowledgement", messageId)
                    .isEmpty();
        }
    }
}
