package org.vanguard.hub.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.FhirResponses;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * The audit for IG officers: search every decision and admin change by patient, participant, agreement, purpose,
 * kind and time; export the same search as a FHIR Bundle of BALP AuditEvents; verify the hash chain and its signed
 * checkpoints; and take a checkpoint on demand.
 */
@RestController
@RequestMapping("/admin/audit")
public class AdminAuditController {

    private static final Set<String> KINDS = Set.of("DISPATCH", "COLLECTION", "ADMIN", "RECEIPT");

    private final AuditQueries audit;
    private final AuditVerification verification;
    private final AuditCheckpoints checkpoints;
    private final BalpAuditEvents balp = new BalpAuditEvents();

    public AdminAuditController(AuditQueries audit, AuditVerification verification, AuditCheckpoints checkpoints) {
        this.audit = audit;
        this.verification = verification;
        this.checkpoints = checkpoints;
    }

    /** Re-walks the audit hash chain and checks every signed checkpoint; anything edited, removed or reordered is named. */
    @RequiresRole({Role.IG_OFFICER, Role.OPERATOR, Role.MDT_MEMBER})
    @GetMapping("/verify")
    public AuditVerification.Verdict verify(AuthenticatedOfficer officer) {
        return verification.verify();
    }

    /** Signs the chain head now. */
    @RequiresRole({Role.IG_OFFICER, Role.OPERATOR})
    @PostMapping("/checkpoints")
    public ResponseEntity<AuditCheckpoints.Checkpoint> checkpoint(AuthenticatedOfficer officer) {
        return ResponseEntity.status(HttpStatus.CREATED).body(checkpoints.checkpoint());
    }

    @RequiresRole({Role.IG_OFFICER, Role.OPERATOR, Role.MDT_MEMBER})
    @GetMapping("/checkpoints")
    public List<AuditCheckpoints.Checkpoint> checkpoints(AuthenticatedOfficer officer) {
        return checkpoints.all();
    }

    @RequiresRole(
            value = {Role.IG_OFFICER, Role.MDT_MEMBER},
            mdtScope = "participant")
    @GetMapping
    public List<AuditRecordView> search(
            AuthenticatedOfficer officer,
            @RequestParam Optional<String> messageId,
            @RequestParam Optional<String> nhsNumber,
            @RequestParam Optional<String> sender,
            @RequestParam Optional<String> recipient,
            @RequestParam Optional<String> participant,
            @RequestParam Optional<String> agreement,
            @RequestParam Optional<String> purpose,
            @RequestParam Optional<String> kind,
            @RequestParam Optional<String> from,
            @RequestParam Optional<String> to,
            @RequestParam(defaultValue = "100") String limit) {
        return audit.search(
                read(messageId, nhsNumber, sender, recipient, participant, agreement, purpose, kind, from, to, limit));
    }

    /** The same search as a FHIR R4 searchset Bundle of AuditEvents following IHE BALP ({@link BalpAuditEvents}). */
    @RequiresRole(
            value = {Role.IG_OFFICER, Role.MDT_MEMBER},
            mdtScope = "participant")
    @GetMapping({"/export", "/$export"})
    public ResponseEntity<String> export(
            AuthenticatedOfficer officer,
            @RequestParam Optional<String> messageId,
            @RequestParam Optional<String> nhsNumber,
            @RequestParam Optional<String> sender,
            @RequestParam Optional<String> recipient,
            @RequestParam Optional<String> participant,
            @RequestParam Optional<String> agreement,
            @RequestParam Optional<String> purpose,
            @RequestParam Optional<String> kind,
            @RequestParam Optional<String> from,
            @RequestParam Optional<String> to,
            @RequestParam(defaultValue = "100") String limit) {
        AuditSearch search =
                read(messageId, nhsNumber, sender, recipient, participant, agreement, purpose, kind, from, to, limit);
        return FhirResponses.of(HttpStatus.OK, balp.bundle(audit.search(search)));
    }

    private static AuditSearch read(
            Optional<String> messageId,
            Optional<String> nhsNumber,
            Optional<String> sender,
            Optional<String> recipient,
            Optional<String> participant,
            Optional<String> agreement,
            Optional<String> purpose,
            Optional<String> kind,
            Optional<String> from,
            Optional<String> to,
            String limit) {
        return new AuditSearch(
                messageId.filter(v -> !v.isBlank()),
                nhsNumber.map(
                        v -> AdminRequests.field("nhsNumber", v, NhsNumber::of).value()),
                sender.map(v -> AdminRequests.field("sender", v, OdsCode::of).value()),
                recipient.map(
                        v -> AdminRequests.field("recipient", v, OdsCode::of).value()),
                participant.map(
                        v -> AdminRequests.field("participant", v, OdsCode::of).value()),
                agreement.filter(v -> !v.isBlank()),
                purpose.map(v ->
                        AdminRequests.field("purpose", v, Purpose::fromCode).code()),
                kind.map(v -> AdminRequests.field("kind", v, AdminAuditController::kind)),
                from.map(v -> AdminRequests.field("from", v, AdminAuditController::instant)),
                to.map(v -> AdminRequests.field("to", v, AdminAuditController::instant)),
                AdminRequests.field("limit", limit, AdminAuditController::limit));
    }

    private static String kind(String value) {
        String upper = value.trim().toUpperCase(java.util.Locale.ROOT);
        if (!KINDS.contains(upper)) {
            throw new IllegalArgumentException("unknown kind '" + value + "'; expected one of " + KINDS);
        }
        return upper;
    }

    /** An instant ({@code 2026-05-01T09:00:00Z}) or a date, meaning its start in UTC. */
    private static Instant instant(String value) {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not a date (2026-05-01) or an instant (2026-05-01T09:00:00Z)");
        }
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= AuditQueries.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new FhirInputException(
                Rejection.INVALID,
                InputIssue.value("limit", "'" + value + "' is not a number from 1 to " + AuditQueries.MAX_LIMIT));
    }
}
