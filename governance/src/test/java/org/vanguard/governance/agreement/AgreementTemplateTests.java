package org.vanguard.governance.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vanguard.governance.fixtures.Participants;
import org.vanguard.governance.yaml.GovernanceFileException;

class AgreementTemplateTests {

    /** The demo participant that plays each placeholder's part. */
    private static final Map<String, String> DEMO = Map.of(
            "CARE-HOME-ODS", "CH001",
            "GP-PRACTICE-ODS", "G81001",
            "COMMUNITY-ODS", "RCP",
            "ACUTE-TRUST-ODS", "RAC",
            "MDT-ODS", "MDT01");

    static java.util.List<String> shipped() {
        return AgreementTemplate.SHIPPED;
    }

    private final AgreementFileReader reader = new AgreementFileReader(Participants.demo());

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    @DisplayName("each care-model template, tailored with the demo participants, reads as a valid draft agreement")
    void tailoredTemplateReads(String name) throws IOException {
        AgreementTemplate template = new AgreementTemplate(name, templateText(name));
        assertThat(template.placeholders())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(DEMO).containsKey(p));
        String tailored = template.text();
        for (String placeholder : template.placeholders()) {
            tailored = tailored.replace(placeholder, DEMO.get(placeholder));
        }

        Agreement agreement = reader.read(name + ".yaml", tailored);

        assertThat(agreement.status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(agreement.parties()).hasSize(template.placeholders().size());
        assertThat(agreement.flows()).isNotEmpty();
        assertThat(agreement.accountability().retention()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    @DisplayName("a template not yet tailored is refused at the line of its first placeholder party")
    void untailoredTemplateRefused(String name) throws IOException {
        String text = templateText(name);
        String first =
                new AgreementTemplate(name, text).placeholders().iterator().next();

        GovernanceFileException refused =
                catchThrowableOfType(GovernanceFileException.class, () -> reader.read(name + ".yaml", text));

        assertThat(refused).isNotNull();
        assertThat(refused.reason()).contains(first).contains("not an ODS code");
        assertThat(refused.line()).isEqualTo(lineOf(text, "- ods: " + first));
    }

    private static String templateText(String name) throws IOException {
        try (InputStream in =
                AgreementTemplateTests.class.getResourceAsStream("/agreement-templates/" + name + ".yaml")) {
            assertThat(in).as("template " + name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in template");
    }
}
