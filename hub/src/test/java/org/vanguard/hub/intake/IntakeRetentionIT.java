package org.vanguard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vanguard.hub.HubIntegrationTest;
import org.vanguard.routes.dispatch.DispatchedMessages;

/**
 * What the hub remembers of a message for {@code hub.intake.key-retention} (30 days by default): its intake key and
 * dispatch's decision go together when the daily purge runs, and a younger message's stay.
 */
class IntakeRetentionIT extends HubIntegrationTest {

    @Autowired
    JdbcIntakeKeys keys;

    @Autowired
    JdbcDispatchedMessages dispatched;

    @Test
    @DisplayName("the purge removes the intake keys and kept decisions older than the retention, and keeps the rest")
    void purgeTogether() {
        String old = "retention-old-" + UUID.randomUUID();
        String young = "retention-young-" + UUID.randomUUID();
        Instant longAgo = Instant.now().minus(Duration.ofDays(31));
        Instant lately = Instant.now().minus(Duration.ofDays(29));
        remember(old, longAgo);
        remember(young, lately);
        assertThat(keys.known(old)).isTrue();
        assertThat(dispatched.find(old)).isPresent();

        keys.purge();

        assertThat(keys.known(old)).as("the old message's key").isFalse();
        assertThat(dispatched.find(old)).as("the old message's decision").isEmpty();
        assertThat(keys.known(young)).as("the young message's key").isTrue();
        assertThat(dispatched.find(young))
                .as("the young message's decision")
                .hasValueSatisfying(kept -> assertThat(kept.plan()).contains(young));
    }

    private void remember(String hubMessageId, Instant at) {
        keys.remember(hubMessageId, "CH001", at);
        dispatched.record(
                hubMessageId,
                new DispatchedMessages.Dispatched(
                        at, "{\"stale\":[],\"permitted\":[],\"for\":\"" + hubMessageId + "\"}"));
    }
}
