package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Admin changes exported as BALP RESTful activities, each with the action code of what it did. */
class BalpAuditEventsTests {

    private final BalpAuditEvents balp = new BalpAuditEvents();

    @ParameterizedTest(name = "{0} is exported with action {1} ({2})")
    @CsvSource({
        "user.create, C, create",
        "certificate.issue, C, create",
        "signing-key.rotate, C, create",
        "objection.record, C, create",
        "agreement.approved, U, update",
        "agreement.terminated, U, update",
        "certificate.revoke, U, update",
        "relationship.end, U, update",
        "review.close, U, update",
        "audit.export, R, read",
        "disclosure.report, R, read",
        "user.delete, D, delete",
        "objection.remove, D, delete",
        "push-endpoint.remove, D, delete",
        "console.sign-in, E, operation",
        "agreement.reload, E, operation",
        "replay.start, E, operation",
        "pseudonym.re-identify, E, operation"
    })
    @DisplayName("each admin action is exported with its own BALP action code and RESTful interaction")
    void actionCodes(String action, AuditEventAction code, String interaction) {
        AuditEvent event = exported(action);

        assertThat(event.getType().getCode()).isEqualTo("rest");
        assertThat(event.getAction()).isEqualTo(code);
        assertThat(event.getSubtype()).singleElement().satisfies(subtype -> {
            assertThat(subtype.getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
            assertThat(subtype.getCode()).isEqualTo(interaction);
        });
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(event.getAgentFirstRep().getRequestor()).isTrue();
        assertThat(event.getAgentFirstRep().getName()).isEqualTo("officer@example.nhs.uk");
    }

    @ParameterizedTest
    @EnumSource(AdminAction.class)
    @DisplayName("every catalogued admin action exports with the code the catalogue gives it")
    void everyActionCatalogued(AdminAction action) {
        AuditEvent event = exported(action.actionName());

        assertThat(event.getAction()).isEqualTo(action.code()).isNotEqualTo(AuditEventAction.NULL);
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo(action.interaction());
        assertThat(event.getOutcomeDesc()).startsWith(action.actionName() + ": ");
    }

    @Test
    @DisplayName("a refused console sign-in is exported as an execute that failed, not as a success")
    void refusedSignIn() {
        assertThat(exported("console.sign-in-refused").getOutcome()).isEqualTo(AuditEventOutcome._4);
    }

    @Test
    @DisplayName("an action recorded under a name no longer used is still exported, as an execute with no interaction")
    void historicActionName() {
        AuditEvent event = exported("agreement.suspend");

        assertThat(event.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(event.getSubtype()).isEmpty();
        assertThat(event.getOutcomeDesc()).startsWith("agreement.suspend: ");
    }

    private AuditEvent exported(String action) {
        AuditRecordView record = new AuditRecordView(
                1,
                7,
                Instant.parse("2026-12-04T06:00:00Z"),
                AuditRow.ADMIN,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                "officer@example.nhs.uk",
                action,
                List.of("did it"),
                null);
        return balp.events(record).get(0);
    }
}
