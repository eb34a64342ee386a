package org.vanguard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.serializer.DefaultDeserializer;
import org.springframework.core.serializer.DefaultSerializer;
import org.vanguard.governance.participant.OdsCode;

/** A signed-in person survives the trip a console session makes through the database (Java serialization). */
class AuthenticatedOfficerTests {

    @Test
    @DisplayName("an MDT member and an IG officer come back from a session's bytes as they went in")
    void serializable() throws Exception {
        for (AuthenticatedOfficer person : new AuthenticatedOfficer[] {
            new AuthenticatedOfficer("user:mo", EnumSet.of(Role.MDT_MEMBER), Optional.of(OdsCode.of("MDT01"))),
            new AuthenticatedOfficer("user:ida", EnumSet.of(Role.IG_OFFICER, Role.OPERATOR), Optional.empty())
        }) {
            byte[] bytes = new DefaultSerializer().serializeToByteArray(person);
            Object back = new DefaultDeserializer().deserialize(new java.io.ByteArrayInputStream(bytes));
            assertThat(back).isEqualTo(person);
        }
    }
}
