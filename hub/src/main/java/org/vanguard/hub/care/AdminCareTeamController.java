package org.vanguard.hub.care;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.ExceptionText;
import org.vanguard.hub.web.FhirResponses;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.message.MessageReader;

/**
 * Care teams for IG officers, as FHIR CareTeam (R4): {@code subject} names the patient by NHS number and each
 * {@code participant.member} an organisation by ODS code. A CarePlan whose {@code careTeam} references a team
 * held here makes the team's member organisations candidate recipients, each still decided on its own.
 */
@RestController
@RequestMapping("/admin/care-teams")
class AdminCareTeamController {

    private static final Logger log = LoggerFactory.getLogger(AdminCareTeamController.class);
    /** FHIR R4's id type. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final JdbcCareTeams careTeams;
    private final ParticipantDirectory participants;
    private final Clock clock;
    private final AdminAudit audit;
    private final FhirParsing parsing;

    public AdminCareTeamController(
            JdbcCareTeams careTeams,
            ParticipantDirectory participants,
            Clock clock,
            AdminAudit audit,
            FhirParsing parsing) {
        this.parsing = parsing;
        this.careTeams = careTeams;
        this.participants = participants;
        this.clock = clock;
        this.audit = audit;
    }

    @PutMapping("/{id}")
    public ResponseEntity<String> put(
            AuthenticatedOfficer officer,
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        if (!FHIR_ID.matcher(id).matches()) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value(
                            "(path) id", "'" + id + "' is not a FHIR id (1 to 64 of A-Z, a-z, 0-9, '-' and '.')"));
        }
        Resource resource = parsing.parse(body, contentType);
        if (!(resource instanceof CareTeam team)) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid(resource.fhirType(), "expected a CareTeam, got a " + resource.fhirType()));
        }
        List<InputIssue> issues = new ArrayList<>();
        if (team.hasIdElement()
                && team.getIdElement().hasIdPart()
                && !id.equals(team.getIdElement().getIdPart())) {
            issues.add(InputIssue.value(
                    "CareTeam.id",
                    "the CareTeam's id '" + team.getIdElement().getIdPart() + "' differs from the id in the path, '"
                            + id + "'"));
        }
        NhsNumber named = patient(team, issues);
        List<OdsCode> members = members(team, issues);
        if (!issues.isEmpty()) {
            throw new FhirInputException(Rejection.INVALID, issues);
        }
        NhsNumber patient = Objects.requireNonNull(named, "named when there are no issues");
        team.setId(id);
        String json = FhirParsing.toJson(team);
        boolean created = audit.change(
                () -> careTeams.put(id, patient, members, json, officer.subject(), clock.instant()),
                isNew -> audit.by(
                                officer.subject(),
                                isNew ? "care-team.create" : "care-team.replace",
                                "care team " + id + ", members " + members)
                        .aboutPatient(patient.value()));
        log.info(
                "{} {} care team {} for patient {}: members {}",
                officer.subject(),
                created ? "created" : "replaced",
                id,
                patient,
                members);
        return FhirResponses.json(created ? HttpStatus.CREATED : HttpStatus.OK, json);
    }

    @GetMapping("/{id}")
    public ResponseEntity<String> get(AuthenticatedOfficer officer, @PathVariable String id) {
        return FhirResponses.json(
                HttpStatus.OK,
                careTeams.resourceJson(id).orElseThrow(() -> new NotFoundException("no care team " + id)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(AuthenticatedOfficer officer, @PathVariable String id) {
        audit.change(
                () -> {
                    if (!careTeams.delete(id)) {
                        throw new NotFoundException("no care team " + id);
                    }
                    return id;
                },
                deleted -> audit.by(officer.subject(), "care-team.delete", "deleted care team " + deleted));
        log.info("{} deleted care team {}", officer.subject(), id);
        return ResponseEntity.noContent().build();
    }

    private static @Nullable NhsNumber patient(CareTeam team, List<InputIssue> issues) {
        Identifier identifier = team.getSubject().getIdentifier();
        if (!identifier.hasValue() || !MessageReader.NHS_NUMBER_SYSTEM.equals(identifier.getSystem())) {
            issues.add(InputIssue.required(
                    "CareTeam.subject.identifier",
                    "the CareTeam's subject must name the " + "patient by NHS number ("
                            + MessageReader.NHS_NUMBER_SYSTEM + ")"));
            return null;
        }
        try {
            return NhsNumber.of(identifier.getValue());
        } catch (IllegalArgumentException e) {
            issues.add(InputIssue.value("CareTeam.subject.identifier.value", ExceptionText.of(e)));
            return null;
        }
    }

    private List<OdsCode> members(CareTeam team, List<InputIssue> issues) {
        List<OdsCode> members = new ArrayList<>();
        List<CareTeam.CareTeamParticipantComponent> all = team.getParticipant();
        if (all.isEmpty()) {
            issues.add(
                    InputIssue.required("CareTeam.participant", "a care team needs at least one member organisation"));
        }
        for (int i = 0; i < all.size(); i++) {
            String at = "CareTeam.participant[" + i + "].member.identifier";
            Identifier identifier = all.get(i).getMember().getIdentifier();
            if (!identifier.hasValue() || !MessageReader.ODS_SYSTEM.equals(identifier.getSystem())) {
                issues.add(InputIssue.required(
                        at, "each member must name an organisation by ODS code (" + MessageReader.ODS_SYSTEM + ")"));
                continue;
            }
            try {
                OdsCode ods = OdsCode.of(identifier.getValue());
                if (!participants.contains(ods)) {
                    issues.add(InputIssue.value(at + ".value", ods + " is not a participant of this vanguard"));
                } else if (!members.contains(ods)) {
                    members.add(ods);
                }
            } catch (IllegalArgumentException e) {
                issues.add(InputIssue.value(at + ".value", ExceptionText.of(e)));
            }
        }
        return members;
    }
}
