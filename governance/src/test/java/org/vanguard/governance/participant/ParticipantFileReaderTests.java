package org.vanguard.governance.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.governance.yaml.GovernanceFileException;

class ParticipantFileReaderTests {

    private static final String FILE = "participants.yaml";

    private final ParticipantFileReader reader = new ParticipantFileReader();

    @Test
    @DisplayName("the demo vanguard has five participants, the frailty MDT hosted by the community provider")
    void readsDemoParticipants() throws IOException {
        ParticipantDirectory directory =
                reader.read(FILE, Files.readString(Path.of("demo/participants.yaml"), StandardCharsets.UTF_8));

        assertThat(directory.all())
                .hasSize(5)
                .extracting(p -> p.ods().value())
                .containsExactly("CH001", "G81001", "MDT01", "RAC", "RCP");
        Participant mdt = directory.find(OdsCode.of("MDT01")).orElseThrow();
        assertThat(mdt.kind()).isEqualTo(ParticipantKind.CARE_TEAM);
        assertThat(mdt.hostedBy()).contains(OdsCode.of("RCP"));
        assertThat(directory.find(OdsCode.of("CH001")).orElseThrow().kind()).isEqualTo(ParticipantKind.CARE_HOME);
        assertThat(directory.find(OdsCode.of("G81001")).orElseThrow().name()).isEqualTo("Elm Tree Surgery");
    }

    @Test
    @DisplayName("a participant is found by its ODS code whatever case the caller wrote it in")
    void findsByNormalisedCode() {
        ParticipantDirectory directory = reader.read(FILE, """
                participants:
                  - ods: ch001
                    name: Rosewood Care Home
                    kind: care-home
                """);

        assertThat(directory.contains(OdsCode.of("CH001"))).isTrue();
        assertThat(directory.contains(OdsCode.of("ch001"))).isTrue();
        assertThat(directory.contains(OdsCode.of("RAC"))).isFalse();
    }

    @Test
    @DisplayName("a care team that does not name its host organisation is refused at its entry")
    void refusesCareTeamWithoutHost() {
        GovernanceFileException e = refusal("""
                participants:
                  - ods: RCP
                    name: Riverside Community Services
                    kind: community-provider
                  - ods: MDT01
                    name: Frailty MDT
                    kind: care-team
                """);

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.reason()).contains("care team MDT01 must name the organisation hosting it");
    }

    @Test
    @DisplayName("a care team hosted by an organisation that is not a participant is refused")
    void refusesUnknownHost() {
        GovernanceFileException e = refusal("""
                participants:
                  - ods: MDT01
                    name: Frailty MDT
                    kind: care-team
                    hostedBy: RCP
                """);

        assertThat(e.reason()).contains("care team MDT01 is hosted by unknown participant RCP");
    }

    @Test
    @DisplayName("the same ODS code listed twice is refused, even when the case differs")
    void refusesDuplicateOds() {
        GovernanceFileException e = refusal("""
                participants:
                  - ods: CH001
                    name: Rosewood Care Home
                    kind: care-home
                  - ods: ch001
                    name: Rosewood Care Home again
                    kind: care-home
                """);

        assertThat(e.reason()).contains("participant CH001 is listed twice");
        assertThat(e.line()).isPositive();
    }

    @Test
    @DisplayName("an unknown kind of organisation is refused at its line, naming the kinds that exist")
    void refusesUnknownKind() {
        GovernanceFileException e = refusal("""
                participants:
                  - ods: CH001
                    name: Rosewood Care Home
                    kind: nursing-home
                """);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason())
                .contains("unknown participant kind 'nursing-home'")
                .contains("care-home");
    }

    @Test
    @DisplayName("a misspelt key in a participant is refused at its line")
    void refusesUnknownKey() {
        GovernanceFileException e = refusal("""
                participants:
                  - ods: MDT01
                    name: Frailty MDT
                    kind: care-team
                    hostBy: RCP
                """);

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.reason()).contains("unknown key 'hostBy'");
    }

    @Test
    @DisplayName("a participant without a name is refused at its entry")
    void refusesMissingName() {
        GovernanceFileException e = refusal("""
                participants:
                  - ods: CH001
                    kind: care-home
                """);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("'name' is required");
    }

    private GovernanceFileException refusal(String text) {
        GovernanceFileException e = catchThrowableOfType(GovernanceFileException.class, () -> reader.read(FILE, text));
        assertThat(e).as("the file should have been refused").isNotNull();
        assertThat(e.file()).isEqualTo(FILE);
        return e;
    }
}
