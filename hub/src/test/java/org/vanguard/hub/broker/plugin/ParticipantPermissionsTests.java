package org.vanguard.hub.broker.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParticipantPermissionsTests {

    private final ParticipantPermissions permissions =
            new ParticipantPermissions("hub.mailbox.", "hub.replies.", "hub.intake.amqp");

    @Test
    @DisplayName("a participant reads its own mailbox and reply queue and sends to the AMQP intake")
    void ownQueues() {
        assertThat(permissions.allows("CH001", CheckType.CONSUME, "hub.mailbox.CH001"))
                .isTrue();
        assertThat(permissions.allows("CH001", CheckType.BROWSE, "hub.mailbox.CH001"))
                .isTrue();
        assertThat(permissions.allows("CH001", CheckType.CONSUME, "hub.replies.CH001"))
                .isTrue();
        assertThat(permissions.allows("CH001", CheckType.SEND, "hub.intake.amqp"))
                .isTrue();
        assertThat(permissions.allows("CH001", CheckType.CONSUME, "hub.mailbox.CH001::hub.mailbox.CH001"))
                .isTrue();
    }

    @Test
    @DisplayName("nothing of another participant's, nothing of the hub's, no look-alike names")
    void nothingElse() {
        assertThat(permissions.allows("CH001", CheckType.CONSUME, "hub.mailbox.G81001"))
                .isFalse();
        assertThat(permissions.allows("CH001", CheckType.BROWSE, "hub.replies.G81001"))
                .isFalse();
        assertThat(permissions.allows("CH001", CheckType.CONSUME, "hub.mailbox.CH0012"))
                .isFalse();
        assertThat(permissions.allows("CH001", CheckType.CONSUME, "hub.mailbox.CH001::other"))
                .isFalse();
        assertThat(permissions.allows("CH001", CheckType.CONSUME, "hub.mailbox.G81001::hub.mailbox.CH001"))
                .isFalse();
        assertThat(permissions.allows("CH001", CheckType.SEND, "hub.intake.accepted"))
                .isFalse();
        assertThat(permissions.allows("CH001", CheckType.SEND, "hub.mailbox.CH001"))
                .isFalse();
        assertThat(permissions.allows("CH001", CheckType.CONSUME, "hub.intake.amqp"))
                .isFalse();
        assertThat(permissions.allows("CH001", CheckType.SEND, "activemq.management"))
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = CheckType.class,
            names = {"SEND", "CONSUME", "BROWSE"},
            mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("no creating, deleting or managing anything, even on its own queues")
    void noAdministration(CheckType check) {
        assertThat(permissions.allows("CH001", check, "hub.mailbox.CH001")).isFalse();
        assertThat(permissions.allows("CH001", check, "hub.intake.amqp")).isFalse();
    }
}
