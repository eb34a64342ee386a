package org.vanguard.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vanguard.routes.RouteProperties;

class ParticipantPermissionsTests {

    private final ParticipantPermissions permissions = new ParticipantPermissions(new RouteProperties(
            "hub.intake.accepted", "hub.mailbox.", 1, 16, "hub.dispatch.set-aside", "hub.intake.amqp", "hub.replies."));

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
