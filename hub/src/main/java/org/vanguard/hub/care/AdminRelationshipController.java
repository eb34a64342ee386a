package org.vanguard.hub.care;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipKind;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/** Legitimate relationships for IG officers: record (admission, referral, caseload...), end and list them. */
@RestController
@RequestMapping("/admin/relationships")
class AdminRelationshipController {

    private static final Logger log = LoggerFactory.getLogger(AdminRelationshipController.class);

    private final JdbcRelationshipStore relationships;
    private final ParticipantDirectory participants;
    private final Clock clock;
    private final AdminAudit audit;

    public AdminRelationshipController(
            JdbcRelationshipStore relationships, ParticipantDirectory participants, Clock clock, AdminAudit audit) {
        this.relationships = relationships;
        this.audit = audit;
        this.participants = participants;
        this.clock = clock;
    }

    /** A relationship to record or end. */
    public record RelationshipRequest(String nhsNumber, String participant, String kind, String source) {}

    @GetMapping
    public List<Relationship> list(AuthenticatedOfficer officer, @RequestParam String nhsNumber) {
        return relationships.relationshipsOf(AdminRequests.field("nhsNumber", nhsNumber, NhsNumber::of));
    }

    @PostMapping
    public ResponseEntity<Relationship> record(AuthenticatedOfficer officer, @RequestBody RelationshipRequest request) {
        Relationship relationship = read(request, officer);
        audit.change(
                () -> {
                    relationships.record(relationship);
                    return relationship;
                },
                r -> audit.by(
                                officer.subject(),
                                "relationship.record",
                                "recorded " + r.kind().label() + " (" + r.source() + ")")
                        .aboutPatient(r.patient().value())
                        .aboutParticipant(r.participant().value()));
        log.info(
                "{} recorded {} between {} and patient {}",
                officer.subject(),
                relationship.kind().label(),
                relationship.participant(),
                relationship.patient());
        return ResponseEntity.status(201).body(relationship);
    }

    @PostMapping("/end")
    public ResponseEntity<Void> end(AuthenticatedOfficer officer, @RequestBody RelationshipRequest request) {
        Relationship relationship = read(request, officer);
        audit.change(
                () -> {
                    if (relationships.end(relationship, clock.instant())) {
                        return relationship;
                    }
                    throw new NotFoundException("no " + relationship.kind().label() + " relationship in force between "
                            + relationship.participant() + " and patient " + relationship.patient());
                },
                ended -> audit.by(
                                officer.subject(),
                                "relationship.end",
                                "ended " + ended.kind().label())
                        .aboutPatient(ended.patient().value())
                        .aboutParticipant(ended.participant().value()));
        log.info(
                "{} ended {} between {} and patient {}",
                officer.subject(),
                relationship.kind().label(),
                relationship.participant(),
                relationship.patient());
        return ResponseEntity.noContent().build();
    }

    private Relationship read(RelationshipRequest request, AuthenticatedOfficer officer) {
        NhsNumber patient = AdminRequests.field("nhsNumber", request.nhsNumber(), NhsNumber::of);
        OdsCode participant = AdminRequests.field("participant", request.participant(), OdsCode::of);
        if (!participants.contains(participant)) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value("participant", participant + " is not a participant of this vanguard"));
        }
        RelationshipKind kind = AdminRequests.field("kind", request.kind(), RelationshipKind::fromLabel);
        String source = request.source() == null || request.source().isBlank()
                ? "recorded by " + officer.subject()
                : request.source();
        return new Relationship(patient, participant, kind, clock.instant(), Optional.empty(), source);
    }
}
